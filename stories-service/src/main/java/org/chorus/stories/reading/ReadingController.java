package org.chorus.stories.reading;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.taxonomy.ContentWarning;
import org.chorus.stories.taxonomy.Theme;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The readers' side, anonymous: published stories by list, search and id, the count of voices, and reporting one.
 * Lists, stories and the count may be kept by a shared cache (the gateway's micro-cache) for {@link #BRIEFLY}: a
 * surge of readers then costs one query per few seconds, and a withdrawn or taken-down story is gone from every copy
 * within that time. A search is never marked: what a reader typed stays out of every cache.
 */
@RestController
class ReadingController {

    static final CacheControl BRIEFLY = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic();

    private final PublishedStories published;

    ReadingController(PublishedStories published) {
        this.published = published;
    }

    @GetMapping("/api/stories")
    Mono<ResponseEntity<StoryPage>> list(@RequestParam(required = false) @Pattern(regexp = "en|es", message = "must be one of: en, es") String language,
                         @Parameter(description = "Lists only stories under any of these themes: "
                                 + Theme.DOCUMENTED_SLUGS)
                         @RequestParam(name = "theme", required = false) List<String> themes,
                         @RequestParam(name = "exclude_warning", required = false) List<String> excludedWarnings,
                         @RequestParam(required = false) @Size(max = 200, message = "must be at most {max} characters") String q,
                         @RequestParam(defaultValue = "false") boolean featured,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(1000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(50) int size) {
        List<String> excluded = ContentWarning.validated(excludedWarnings, "exclude_warning");
        List<String> wanted = Theme.validated(themes, "theme");
        String query = q == null || q.isBlank() ? null : q.strip();
        return published.list(language, wanted, excluded, query, featured, page, size)
                .map(found -> ResponseEntity.ok().cacheControl(query == null ? BRIEFLY : CacheControl.noStore())
                        .body(found));
    }

    @GetMapping("/api/stories/count")
    Mono<ResponseEntity<Voices>> voices() {
        return published.voices().map(voices -> ResponseEntity.ok().cacheControl(BRIEFLY).body(voices));
    }

    @GetMapping("/api/stories/{id}")
    Mono<ResponseEntity<PublishedStory>> story(@PathVariable UUID id) {
        return published.one(id).map(story -> ResponseEntity.ok().cacheControl(BRIEFLY).body(story));
    }

    @PostMapping(path = "/api/stories/{id}/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> report(@PathVariable UUID id, @Valid @RequestBody StoryReport report) {
        return published.report(id, report.reason());
    }
}
