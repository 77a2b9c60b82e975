package org.chorus.resources.taxonomy;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The directory's taxonomies for anyone: they change only with a release, so a cache may keep them a few minutes. */
@RestController
class TaxonomyController {

    static final String CACHE_CONTROL = "public, max-age=300";

    @GetMapping("/api/resources/taxonomies")
    @Operation(summary = "The service types, with their wire codes and English and Spanish labels")
    Mono<ResponseEntity<Taxonomies>> taxonomies() {
        return Mono.just(ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).body(Taxonomies.ALL));
    }
}
