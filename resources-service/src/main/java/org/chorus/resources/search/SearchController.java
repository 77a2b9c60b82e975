package org.chorus.resources.search;

import jakarta.validation.constraints.Pattern;
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

    /** A decimal number as JSON writes one (no NaN, no Infinity), or nothing. */
    private static final String DECIMAL = "\\s*(-?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][-+]?\\d{1,3})?)?\\s*";
    private static final String FLAG = "\\s*(true|false)?\\s*";
    /** Up to nine digits, so it is an int; PlaceQuery checks the range. */
    private static final String WHOLE = "\\s*(\\d{1,9})?\\s*";
    private static final String NUMBER = "must be a number";
    private static final String TRUE_OR_FALSE = "must be true or false";
    private static final String SIZE = "must be a whole number from 1 to " + PlaceQuery.MAX_SIZE;

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

    /**
     * Query parameters arrive as text and are checked by their constraints (a problem naming the parameter,
     * platform/web's InvalidParameters) before they are read, so a number or flag that is not one is answered as
     * a body field would be; ranges and what depends on several values are PlaceQuery's, shared with the POST body.
     * An empty parameter counts as absent.
     */
    @GetMapping("/api/resources/search")
    Mono<SearchAnswer> search(@RequestParam(required = false) String zip,
                              @RequestParam(required = false) @Pattern(regexp = DECIMAL, message = NUMBER)
                              String latitude,
                              @RequestParam(required = false) @Pattern(regexp = DECIMAL, message = NUMBER)
                              String longitude,
                              @RequestParam(name = "radius_km", required = false)
                              @Pattern(regexp = DECIMAL, message = NUMBER) String radiusKm,
                              @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                              @RequestParam(required = false) String language,
                              @RequestParam(name = "open_now", required = false)
                              @Pattern(regexp = FLAG, message = TRUE_OR_FALSE) String openNow,
                              @RequestParam(name = "twenty_four_seven", required = false)
                              @Pattern(regexp = FLAG, message = TRUE_OR_FALSE) String twentyFourSeven,
                              @RequestParam(required = false) String accessibility,
                              @RequestParam(required = false) @Pattern(regexp = FLAG, message = TRUE_OR_FALSE)
                              String virtual,
                              @RequestParam(required = false) @Pattern(regexp = FLAG, message = TRUE_OR_FALSE)
                              String free,
                              @RequestParam(required = false) @Pattern(regexp = WHOLE, message = SIZE) String size) {
        PlaceQuery query = new PlaceQuery(blankToNull(zip), decimal(latitude), decimal(longitude), decimal(radiusKm),
                blankToNull(taxonomyTerm), blankToNull(language), flag(openNow), flag(twentyFourSeven),
                blankToNull(accessibility), flag(virtual), flag(free),
                blankToNull(size) == null ? null : Integer.valueOf(size.strip()));
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

    private static Double decimal(String checked) {
        return blankToNull(checked) == null ? null : Double.valueOf(checked.strip());
    }

    private static Boolean flag(String checked) {
        return blankToNull(checked) == null ? null : Boolean.valueOf(checked.strip());
    }
}
