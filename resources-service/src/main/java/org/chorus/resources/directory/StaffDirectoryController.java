package org.chorus.resources.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Keeping the directory true: resource editors see every record in full, confidential addresses included. */
@RestController
@RequestMapping("/api/admin/resources")
class StaffDirectoryController {

    static final String APPLICATION_ZIP = "application/zip";

    private static final TypeReference<List<ServiceDraft>> SERVICES = new TypeReference<>() { };

    private final Directory directory;
    private final DirectoryQueries queries;
    private final DirectoryImport imports;
    private final ImportUpload upload;
    private final JsonMapper json;

    StaffDirectoryController(Directory directory, DirectoryQueries queries, DirectoryImport imports,
                             ImportUpload upload, JsonMapper json) {
        this.directory = directory;
        this.queries = queries;
        this.imports = imports;
        this.upload = upload;
        this.json = json;
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

    /** The whole directory as HSDS JSON, confidential addresses included: for staff and backups only. */
    @GetMapping("/export")
    Flux<ServiceView> export() {
        return queries.export(true);
    }

    /**
     * The whole directory in the HSDS tabular form, a ZIP of CSV files, confidential addresses included: for staff
     * and backups only. Written through temporary files, so a large directory streams instead of filling memory.
     */
    @Operation(summary = "Export the whole directory in the HSDS tabular form (a ZIP of CSV files)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = APPLICATION_ZIP,
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/export/csv", produces = APPLICATION_ZIP)
    ResponseEntity<Flux<DataBuffer>> exportCsv() {
        Flux<DataBuffer> zip = Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            try {
                DirectoryCsv.write(queries.export(true).toIterable(), out,
                        Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DefaultDataBufferFactory.sharedInstance, task -> Schedulers.boundedElastic().schedule(task)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(APPLICATION_ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("chorus-directory-hsds.zip").build().toString())
                .cacheControl(CacheControl.noStore())
                .body(zip);
    }

    /**
     * HSDS JSON, all or nothing; see {@link DirectoryImport}. The body is written to a temporary file as it arrives
     * (up to {@code chorus.directory.import.max-upload}, 413 beyond), so a file larger than the 256 KB every other
     * body is held to can be imported.
     */
    @Operation(summary = "Import HSDS JSON, all or nothing", requestBody = @io.swagger.v3.oas.annotations.parameters
            .RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = ServiceDraft.class)))))
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<DirectoryImport.ImportReport> importServices(@RequestHeader HttpHeaders headers,
                                                      @RequestBody Flux<DataBuffer> body) {
        return upload.spooled(headers, body, file -> {
            List<ServiceDraft> services;
            try {
                services = json.readValue(file.toFile(), SERVICES);
            } catch (JacksonException e) {
                // the same answer as a body the codecs could not read: the field path, never the content
                return Mono.error(new ServerWebInputException("The file is not HSDS JSON of the expected shape.",
                        null, e));
            }
            return imports.importServices(services);
        });
    }

    /**
     * The HSDS tabular form: a ZIP of CSV files (see {@link DirectoryCsv}), all or nothing, with a report naming the
     * file and row of every fault. Streamed to a temporary file like the JSON import.
     */
    @Operation(summary = "Import the HSDS tabular form (a ZIP of CSV files), all or nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = APPLICATION_ZIP, schema = @Schema(type = "string",
                            format = "binary"))))
    @PostMapping(path = "/import", consumes = APPLICATION_ZIP)
    Mono<DirectoryImport.ImportReport> importCsv(@RequestHeader HttpHeaders headers,
                                                 @RequestBody Flux<DataBuffer> body) {
        return upload.spooled(headers, body, file -> {
            DirectoryCsv.Read read = DirectoryCsv.read(file, upload.limits().maxUnpacked().toBytes());
            return imports.importServices(read.drafts(), read.sources());
        });
    }
}
