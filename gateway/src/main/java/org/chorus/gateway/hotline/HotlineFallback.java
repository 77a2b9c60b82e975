package org.chorus.gateway.hotline;

import io.micrometer.core.instrument.MeterRegistry;
import org.chorus.gateway.edge.NationalHotlines;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the resources routes fall back when resources-service is down, failing or slow. Searches still answer,
 * with the national hotlines from the reviewed file in platform/contracts and {@code unavailable: true}, in the
 * shape resources-service itself uses; anything else gets a 503 problem that carries the hotlines too.
 */
@RestController
class HotlineFallback {

    private static final String HOTLINES = NationalHotlines.JSON;

    private final MeterRegistry meters;

    HotlineFallback(MeterRegistry meters) {
        this.meters = meters;
    }

    @RequestMapping("/fallback/resources/hotlines")
    ResponseEntity<String> hotlines() {
        fellBack("hotlines");
        return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, HOTLINES);
    }

    @RequestMapping("/fallback/resources/search")
    ResponseEntity<String> search() {
        fellBack("search");
        return answer(HttpStatus.OK, MediaType.APPLICATION_JSON, """
                {"national_hotlines": %s, "nothing_near": true, "unavailable": true, "results": []}"""
                .formatted(HOTLINES));
    }

    @RequestMapping("/fallback/resources")
    ResponseEntity<String> anythingElse() {
        fellBack("other");
        return answer(HttpStatus.SERVICE_UNAVAILABLE, MediaType.APPLICATION_PROBLEM_JSON, """
                {"type": "about:blank", "title": "Service Unavailable", "status": 503,
                 "detail": "The local help directory cannot answer right now. The national hotlines can, at any hour.",
                 "national_hotlines": %s}""".formatted(HOTLINES));
    }

    /** Each answer the gateway gave in the directory's place: the "hotline fallback active" alert reads its rate. */
    private void fellBack(String route) {
        meters.counter("chorus.gateway.hotline.fallbacks", "route", route).increment();
    }

    private static ResponseEntity<String> answer(HttpStatus status, MediaType type, String body) {
        return ResponseEntity.status(status).contentType(type).cacheControl(CacheControl.noStore()).body(body);
    }
}
