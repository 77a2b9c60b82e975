package org.chorus.resources.directory;

import java.util.List;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Keeping the directory true: resource editors see every record in full, confidential addresses included. */
@RestController
@RequestMapping("/api/admin/resources")
class StaffDirectoryController {

    private final Directory directory;
    private final DirectoryQueries queries;
    private final DirectoryImport imports;

    StaffDirectoryController(Directory directory, DirectoryQueries queries, DirectoryImport imports) {
        this.directory = directory;
        this.queries = queries;
        this.imports = imports;
    }

    @GetMapping("/services")
    Mono<Page<ServiceView>> services(@RequestParam(required = false) String search,
                                     @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                                     @RequestParam(name = "modified_after", required = false) String modifiedAfter,
                                     @RequestParam(required = false) String page,
                                     @RequestParam(name = "per_page", required = false) String perPage) {
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

    @PostMapping("/services/{id}/reopen")
    Mono<ServiceView> reopen(@PathVariable UUID id) {
        return directory.reopen(id);
    }

    @PostMapping("/services/{id}/verified")
    Mono<ServiceView> markVerified(@PathVariable UUID id) {
        return directory.markVerified(id);
    }

    /** The whole directory as HSDS JSON, confidential addresses included: for staff and backups only. */
    @GetMapping("/export")
    Flux<ServiceView> export() {
        return queries.export(true);
    }

    /** All or nothing; see {@link DirectoryImport}. */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<DirectoryImport.ImportReport> importServices(@RequestBody List<ServiceDraft> services) {
        return Mono.defer(() -> imports.importServices(services));
    }
}
