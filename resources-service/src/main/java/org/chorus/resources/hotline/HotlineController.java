package org.chorus.resources.hotline;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Needs nothing but this process: help is never down. */
@RestController
class HotlineController {

    @GetMapping("/api/resources/hotlines")
    List<NationalHotline> hotlines() {
        return NationalHotlines.ALL;
    }
}
