package org.chorus.resources.interchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.chorus.resources.directory.DirectoryQueries;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceView;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory in and out in bulk, as HSDS JSON and the HSDS tabular form: the public export (confidential addresses
 * shown as in every public answer), and for resource editors the full export and the all-or-nothing import.
 */
@RestController
class InterchangeController {

    static final String APPLICATION_ZIP = ZipDownload.APPLICATION_ZIP;

    private static final TypeReference<List<ServiceDraft>> SERVICES = new TypeReference<>() { };

    private final DirectoryQueries queries;
    private final DirectoryImport imports;
    private final ImportUpload upload;
    private final JsonMapper json;

    InterchangeController(DirectoryQueries queries, DirectoryImport imports, ImportUpload upload, JsonMapper json) {
        this.queries = queries;
        this.imports = imports;
        this.upload = upload;
        this.json = json;
    }

    /** The whole directory as HSDS JSON, confidential addresses included: for staff and backups only. */
    @GetMapping("/api/admin/resources/export")
    Flux<ServiceView> export() {
        return queries.export(true);
    }

    /** The public directory as HSDS JSON; confidential locations are shown as in every public answer. */
    @GetMapping("/api/resources/export")
    Flux<ServiceView> publicExport() {
        return queries.export(false);
    }

    /**
     * The whole directory in the HSDS tabular form, a ZIP of CSV files, confidential addresses included: for staff
     * and backups only. Written through temporary files, so a large directory streams instead of filling memory.
     */
    @Operation(summary = "Export the whole directory in the HSDS tabular form (a ZIP of CSV files)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = APPLICATION_ZIP,
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/api/admin/resources/export/csv", produces = APPLICATION_ZIP)
    ResponseEntity<Flux<DataBuffer>> exportCsv() {
        return ZipDownload.attachment("chorus-directory-hsds.zip",
                (out, work) -> CsvExport.write(queries.export(true).toIterable(), out, work));
    }

    /**
     * HSDS JSON, all or nothing; see {@link DirectoryImport}. The body is written to a temporary file as it arrives
     * (up to {@code chorus.directory.import.max-upload}, 413 beyond), so a file larger than the 256 KB every other
     * body is held to can be imported.
     */
    @Operation(summary = "Import HSDS JSON, all or nothing", requestBody = @io.swagger.v3.oas.annotations.parameters
            .RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = ServiceDraft.class)))))
    @PostMapping(path = "/api/admin/resources/import", consumes = MediaType.APPLICATION_JSON_VALUE)
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
    @PostMapping(path = "/api/admin/resources/import", consumes = APPLICATION_ZIP)
    Mono<DirectoryImport.ImportReport> importCsv(@RequestHeader HttpHeaders headers,
                                                 @RequestBody Flux<DataBuffer> body) {
        return upload.spooled(headers, body, file -> {
            DirectoryCsv.Read read = DirectoryCsv.read(file, upload.limits().maxUnpacked().toBytes());
            return imports.importServices(read.drafts(), read.sources());
        });
    }
}
