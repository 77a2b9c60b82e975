package org.chorus.resources.directory;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The public, anonymous directory in the HSDS 3 API style: the list and one service. Confidential addresses never
 * appear here.
 */
@RestController
class DirectoryController {

    static final int MAX_PER_PAGE = 100;

    private final DirectoryQueries queries;

    DirectoryController(DirectoryQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/resources/services")
    Mono<Page<ServiceView>> services(@RequestParam(required = false) String search,
                                     @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                                     @RequestParam(name = "modified_after", required = false) String modifiedAfter,
                                     @RequestParam(required = false) String page,
                                     @RequestParam(name = "per_page", required = false) String perPage) {
        return list(queries, false, search, taxonomyTerm, modifiedAfter, page, perPage);
    }

    @GetMapping("/api/resources/services/{id}")
    Mono<ServiceView> service(@PathVariable UUID id) {
        return queries.byId(id, false).switchIfEmpty(Mono.error(DirectoryController::notFound));
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
}
