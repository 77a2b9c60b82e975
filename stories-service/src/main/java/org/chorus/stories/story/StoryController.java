package org.chorus.stories.story;

import jakarta.validation.Valid;
import org.chorus.stories.consent.ConsentState;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The author's side, anonymous: sharing a story and managing it with the secret token (read, edit, consents,
 * withdrawal). Answers that hold an author's own text or token are marked {@code no-store}.
 */
@RestController
class StoryController {

    private final Stories stories;

    StoryController(Stories stories) {
        this.stories = stories;
    }

    /**
     * Shares a story. The site sends the manage token it chose ({@value ManageToken#HEADER}) so that sending the same
     * story again, after an answer that never arrived, is safe: the story stored the first time is answered (200),
     * never a second one. Without the header the service chooses the token, as before.
     */
    @PostMapping(path = "/api/stories", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<SubmittedStory>> submit(
            @RequestHeader(name = ManageToken.HEADER, required = false) String chosenToken,
            @Valid @RequestBody StorySubmission submission) {
        return stories.submit(submission, chosenToken)
                .map(accepted -> ResponseEntity.status(accepted.first() ? HttpStatus.CREATED : HttpStatus.OK)
                        .cacheControl(CacheControl.noStore()).body(accepted.story()));
    }

    @GetMapping("/api/stories/manage")
    Mono<ResponseEntity<ManagedStory>> managed(@RequestHeader(name = ManageToken.HEADER, required = false) String token) {
        return stories.managed(token)
                .map(story -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(story));
    }

    @DeleteMapping("/api/stories/manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdraw(@RequestHeader(name = ManageToken.HEADER, required = false) String token) {
        return stories.withdraw(token);
    }

    @PutMapping(path = "/api/stories/manage", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ManagedStory>> edit(@RequestHeader(name = ManageToken.HEADER, required = false) String token,
                                            @Valid @RequestBody StoryEdit edit) {
        return stories.edit(token, edit)
                .map(story -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(story));
    }

    @PutMapping(path = "/api/stories/manage/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConsentState>> changeConsents(
            @RequestHeader(name = ManageToken.HEADER, required = false) String token, @RequestBody ConsentChange change) {
        return stories.changeConsents(token, change)
                .map(consents -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(consents));
    }
}
