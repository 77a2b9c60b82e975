package org.chorus.resources.directory;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Keeping the directory true: resource editors see every record in full, confidential addresses included, and change
 * it one service at a time (bulk import and export are in the interchange package).
 */
@RestController
@RequestMapping("/api/admin/resources")
class StaffDirectoryController {

    private final Directory directory;
    private final DirectoryQueries queries;

    StaffDirectoryController(Directory directory, DirectoryQueries queries) {
        this.directory = directory;
        this.queries = queries;
    }

    @GetMapping("/services")
    Mono<Page<ServiceView>> services(@RequestParam(required = false)
                                     @Size(max = 200, message = DirectoryController.SEARCH_MESSAGE) String search,
                                     @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                                     @RequestParam(name = "modified_after", required = false)
                                     @Pattern(regexp = DirectoryController.DATE_TIME,
                                             message = DirectoryController.DATE_TIME_MESSAGE) String modifiedAfter,
                                     @RequestParam(required = false) @Pattern(regexp = DirectoryController.PAGE,
                                             message = DirectoryController.PAGE_MESSAGE) String page,
                                     @RequestParam(name = "per_page", required = false)
                                     @Pattern(regexp = DirectoryController.PER_PAGE,
                                             message = DirectoryController.PER_PAGE_MESSAGE) String perPage) {
        return DirectoryController.list(queries, true, search, taxonomyTerm, modifiedAfter, page, perPage);
    }

    @GetMapping("/services/{id}")
    Mono<ServiceView> service(@PathVariable UUID id) {
        return queries.byId(id, true).switchIfEmpty(Mono.error(DirectoryController::notFound));
    }

    @PostMapping(path = "/services", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ServiceView> create(@RequestBody ServiceDraft draft) {
        return Mono.defer(() -> directory.create(draft));
    }

    @PutMapping(path = "/services/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ServiceView> update(@PathVariable UUID id, @RequestBody ServiceDraft draft) {
        return Mono.defer(() -> directory.update(id, draft));
    }

    @PostMapping("/services/{id}/close")
    Mono<ServiceView> close(@PathVariable UUID id) {
        return directory.close(id);
    }

    /** Status "temporarily closed", with an optional reason and reopening day; see {@link Directory#closeTemporarily}. */
    @PostMapping("/services/{id}/temporarily-closed")
    Mono<ServiceView> closeTemporarily(@PathVariable UUID id,
                                       @RequestBody(required = false) TemporaryClosure closure) {
        return Mono.defer(() -> directory.closeTemporarily(id, closure));
    }

    @PostMapping("/services/{id}/reopen")
    Mono<ServiceView> reopen(@PathVariable UUID id) {
        return directory.reopen(id);
    }

    @PostMapping("/services/{id}/verified")
    Mono<ServiceView> markVerified(@PathVariable UUID id) {
        return directory.markVerified(id);
    }
}
