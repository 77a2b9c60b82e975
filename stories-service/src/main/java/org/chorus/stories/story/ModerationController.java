package org.chorus.stories.story;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The moderation queue for staff with the moderator role (enforced in {@code SecurityConfiguration}). */
@RestController
@Validated
class ModerationController {

    private final Stories stories;

    ModerationController(Stories stories) {
        this.stories = stories;
    }

    @GetMapping("/api/admin/stories")
    Flux<QueuedStory> queue(@RequestParam(defaultValue = "SUBMITTED") StoryStatus status,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return stories.queue(status, limit);
    }
}
