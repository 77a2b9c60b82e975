package org.chorus.resources.directory;

import java.util.UUID;
import org.chorus.resources.geo.ZipCentroids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The public, anonymous directory in the HSDS 3 API style. Confidential addresses never appear here. */
@RestController
class DirectoryController {

    static final int MAX_PER_PAGE = 100;

    private static final Logger log = LoggerFactory.getLogger(DirectoryController.class);

    private final DirectoryQueries queries;
    private final ZipCentroids zips;

    DirectoryController(DirectoryQueries queries, ZipCentroids zips) {
        this.queries = queries;
        this.zips = zips;
    }

    @GetMapping("/api/resources/services")
    Mono<Page<ServiceView>> services(@RequestParam(required = false) String search,
                                     @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                                     @RequestParam(name = "modified_after", required = false) String modifiedAfter,
                                     @RequestParam(required = false) String page,
                                     @RequestParam(name = "per_page", required = false) String perPage) {
        return list(queries, false, search, taxonomyTerm, modifiedAfter, page, perPage);
    }

    /** The public directory as HSDS JSON; confidential locations are shown as in every public answer. */
    @GetMapping("/api/resources/export")
    Flux<ServiceView> export() {
        return queries.export(false);
    }

    @GetMapping("/api/resources/services/{id}")
    Mono<ServiceView> service(@PathVariable UUID id) {
        return queries.byId(id, false).switchIfEmpty(Mono.error(DirectoryController::notFound));
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

    static Mono<Page<ServiceView>> list(DirectoryQueries queries, boolean forStaff, String search,
                                        String taxonomyTerm, String modifiedAfter, String page, String perPage) {
        Integer pageNumber = Params.integer("page", page, 1, 100_000);
        Integer size = Params.integer("per_page", perPage, 1, MAX_PER_PAGE);
        return queries.list(Params.text("search", search, 200), Params.term(taxonomyTerm),
                Params.instant("modified_after", modifiedAfter), pageNumber == null ? 1 : pageNumber,
                size == null ? 20 : size, forStaff);
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such service in the directory.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
