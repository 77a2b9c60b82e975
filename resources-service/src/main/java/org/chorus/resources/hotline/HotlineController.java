package org.chorus.resources.hotline;

import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Needs nothing but this process: help is never down. The list changes only with a release, so a shared cache (the
 * gateway's micro-cache, which keeps it a few seconds) may keep it for a minute.
 */
@RestController
class HotlineController {

    @GetMapping("/api/resources/hotlines")
    ResponseEntity<List<NationalHotline>> hotlines() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(NationalHotlines.ALL);
    }
}
