package org.chorus.stories.moderation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.chorus.stories.story.StoryStatus;
import org.chorus.web.InvalidInput;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moderation for staff with the moderator role; the audit log for admins (both enforced in
 * {@code SecurityConfiguration}). Answers hold unsealed story text, so none of them may be cached.
 */
@RestController
class ModerationController {

    private final Moderation moderation;

    ModerationController(Moderation moderation) {
        this.moderation = moderation;
    }

    @GetMapping("/api/admin/stories")
    Flux<QueuedStory> queue(@RequestParam(defaultValue = "SUBMITTED") StoryStatus status,
                            @RequestParam(defaultValue = "false") boolean flagged,
                            @RequestParam(defaultValue = "false") boolean revisions,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return moderation.queue(status, flagged, revisions, limit);
    }

    /** The next waiting story, claimed for the caller and opened; 204 when nothing is left to claim. */
    @PostMapping(path = "/api/admin/stories/claims")
    Mono<ResponseEntity<ModeratedStory>> claimNext(@RequestBody(required = false) @Valid NextClaim next,
                                                   @AuthenticationPrincipal Jwt staff) {
        return moderation.claimNext(next == null || next.skip() == null ? List.of() : next.skip(), actor(staff))
                .map(story -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(story))
                .defaultIfEmpty(ResponseEntity.noContent().build());
    }

    /**
     * Claims the story, or renews the caller's claim on it, and opens it. With {@code Prefer: return=minimal}
     * (RFC 7240) only the claim is taken or renewed: 204, no text read and nothing audited for a renewal.
     */
    @PutMapping("/api/admin/stories/{id}/claim")
    Mono<ResponseEntity<ModeratedStory>> claim(@PathVariable("id") String id,
                                               @RequestHeader(name = "Prefer", required = false) String prefer,
                                               @AuthenticationPrincipal Jwt staff) {
        if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("return=minimal")) {
            return moderation.renew(storyId(id), actor(staff)).thenReturn(ResponseEntity.noContent()
                    .header("Preference-Applied", "return=minimal").cacheControl(CacheControl.noStore()).<ModeratedStory>build());
        }
        return moderation.claim(storyId(id), actor(staff))
                .map(story -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(story));
    }

    @DeleteMapping("/api/admin/stories/{id}/claim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> release(@PathVariable("id") String id, @AuthenticationPrincipal Jwt staff) {
        return moderation.release(storyId(id), actor(staff));
    }

    @PostMapping(path = "/api/admin/stories/{id}/flag", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> flag(@PathVariable("id") String id, @Valid @RequestBody ModeratorFlag flag, @AuthenticationPrincipal Jwt staff) {
        return moderation.flag(storyId(id), flag.reason(), actor(staff));
    }

    /** Mails the author the hotlines, when they consented to be contacted; 409 when they did not. */
    @PostMapping("/api/admin/stories/{id}/help-offer")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> offerHelp(@PathVariable("id") String id, @AuthenticationPrincipal Jwt staff) {
        return moderation.offerHelp(storyId(id), actor(staff));
    }

    @PostMapping(path = "/api/admin/stories/bulk-rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    Flux<BulkRejection.Outcome> rejectInBulk(@Valid @RequestBody BulkRejection bulk, @AuthenticationPrincipal Jwt staff) {
        return moderation.rejectInBulk(bulk, actor(staff));
    }

    @GetMapping("/api/admin/stories/queue-stats")
    Mono<ResponseEntity<QueueStats>> stats() {
        return moderation.stats().map(stats -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(stats));
    }

    @GetMapping("/api/admin/stories/{id}")
    Mono<ResponseEntity<ModeratedStory>> story(@PathVariable("id") String id, @AuthenticationPrincipal Jwt staff) {
        return moderation.story(storyId(id), actor(staff))
                .map(story -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(story));
    }

    @PostMapping(path = "/api/admin/stories/{id}/publication", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Decision> publish(@PathVariable("id") String id, @Valid @RequestBody Publication publication,
                           @AuthenticationPrincipal Jwt staff) {
        return moderation.publish(storyId(id), publication, actor(staff));
    }

    @PostMapping(path = "/api/admin/stories/{id}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Decision> reject(@PathVariable("id") String id, @Valid @RequestBody Rejection rejection,
                          @AuthenticationPrincipal Jwt staff) {
        return moderation.reject(storyId(id), rejection, actor(staff));
    }

    @PostMapping(path = "/api/admin/stories/{id}/revision/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Decision> approveRevision(@PathVariable("id") String id, @Valid @RequestBody Publication approval,
                                   @AuthenticationPrincipal Jwt staff) {
        return moderation.approveRevision(storyId(id), approval, actor(staff));
    }

    @PostMapping(path = "/api/admin/stories/{id}/revision/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Decision> rejectRevision(@PathVariable("id") String id, @Valid @RequestBody Rejection rejection,
                                  @AuthenticationPrincipal Jwt staff) {
        return moderation.rejectRevision(storyId(id), rejection, actor(staff));
    }

    @PutMapping(path = "/api/admin/stories/{id}/featured", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> feature(@PathVariable("id") String id, @Valid @RequestBody Featuring featuring, @AuthenticationPrincipal Jwt staff) {
        return moderation.feature(storyId(id), featuring.featured(), actor(staff));
    }

    @PostMapping("/api/admin/stories/{id}/reports/resolution")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> resolveReports(@PathVariable("id") String id, @AuthenticationPrincipal Jwt staff) {
        return moderation.resolveReports(storyId(id), actor(staff));
    }

    @GetMapping("/api/admin/stories/audit")
    Flux<AuditEntry> audit(@RequestParam(required = false) UUID storyId,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return moderation.auditLog(storyId, limit);
    }

    /**
     * The story id of the path, refused naming {@code id} when it is not one: bound as a {@code UUID}, a hostile
     * path answered a bare 400 without saying what was wrong.
     */
    private static UUID storyId(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the answer below
        }
        throw new InvalidInput("id", "must be a story id (a UUID)");
    }

    /** The name staff know each other by, else the token's subject. */
    private static String actor(Jwt staff) {
        String username = staff.getClaimAsString("preferred_username");
        return username != null && !username.isBlank() ? username : staff.getSubject();
    }
}
