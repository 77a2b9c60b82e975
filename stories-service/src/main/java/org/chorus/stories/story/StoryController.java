package org.chorus.stories.story;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public, anonymous side: sharing a story. */
@RestController
class StoryController {

    private final Stories stories;

    StoryController(Stories stories) {
        this.stories = stories;
    }

    @PostMapping(path = "/api/stories", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SubmittedStory> submit(@Valid @RequestBody StorySubmission submission) {
        return stories.submit(submission);
    }
}
