package org.chorus.resources.search;

import org.chorus.resources.directory.Params;
import org.chorus.resources.geo.ZipCentroids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Search by place, public and anonymous: the national hotlines first, then what is near. */
@RestController
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    private final SearchQueries queries;
    private final ZipCentroids zips;

    SearchController(SearchQueries queries, ZipCentroids zips) {
        this.queries = queries;
        this.zips = zips;
    }

    /** The same search as GET, with the place in the body so it stays out of URLs and access logs. */
    @PostMapping(path = "/api/resources/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<SearchAnswer> search(@RequestBody PlaceQuery query) {
        return search(query.resolve(zips));
    }

    @GetMapping("/api/resources/search")
    Mono<SearchAnswer> search(@RequestParam(required = false) String zip,
                              @RequestParam(required = false) String latitude,
                              @RequestParam(required = false) String longitude,
                              @RequestParam(name = "radius_km", required = false) String radiusKm,
                              @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                              @RequestParam(required = false) String language,
                              @RequestParam(name = "open_now", required = false) String openNow,
                              @RequestParam(name = "twenty_four_seven", required = false) String twentyFourSeven,
                              @RequestParam(required = false) String accessibility,
                              @RequestParam(required = false) String virtual,
                              @RequestParam(required = false) String free,
                              @RequestParam(required = false) String size) {
        PlaceQuery query = new PlaceQuery(blankToNull(zip), Params.decimal("latitude", latitude),
                Params.decimal("longitude", longitude), Params.decimal("radius_km", radiusKm),
                blankToNull(taxonomyTerm), blankToNull(language), Params.flag("open_now", openNow),
                Params.flag("twenty_four_seven", twentyFourSeven), blankToNull(accessibility),
                Params.flag("virtual", virtual), Params.flag("free", free),
                Params.integer("size", size, 1, PlaceQuery.MAX_SIZE));
        return search(query.resolve(zips));
    }

    /**
     * The query was valid, so whatever fails now is ours (database down, pool exhausted): someone looking for help
     * still gets the national hotlines rather than an error page.
     */
    private Mono<SearchAnswer> search(PlaceQuery.Resolved query) {
        return queries.search(query)
                .onErrorResume(DataAccessException.class, down -> {
                    log.warn("Directory search failed, answering with the national hotlines only: {}",
                            down.getClass().getName());
                    return Mono.just(SearchAnswer.directoryUnavailable());
                });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
