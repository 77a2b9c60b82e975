package org.chorus.resources.hsds;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.chorus.resources.directory.DirectoryQueries;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.interchange.DirectoryImport;
import org.chorus.resources.interchange.ImportUpload;
import org.chorus.resources.interchange.ZipDownload;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole directory in and out as HSDS 3.0, for resource editors: as JSON, a list of services each as HSDS's
 * {@code /services/{id}} answers it ({@code compiled/service.json}); as HSDS's tabular data package, a ZIP of one CSV
 * file per HSDS table with the published datapackage.json. Staff data: a confidential place keeps its true address and
 * coordinates, as in the staff JSON and CSV exports, so an export imports back unchanged; no public path has either
 * export. The imports follow the directory's other imports: spooled to a temporary file, all or nothing, a report
 * naming each fault by its HSDS field path (JSON) or its file, row and column (CSV).
 */
@RestController
class HsdsInterchangeController {

    private static final TypeReference<List<Service>> SERVICES = new TypeReference<>() { };

    /** A page of {@code /services?full=true}: only its contents are read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contents(List<Service> contents) {
    }

    private final DirectoryQueries queries;
    private final HsdsMapping mapping;
    private final DirectoryImport imports;
    private final ImportUpload upload;
    private final JsonMapper json;

    HsdsInterchangeController(DirectoryQueries queries, HsdsMapping mapping, DirectoryImport imports,
                              ImportUpload upload, JsonMapper json) {
        this.queries = queries;
        this.mapping = mapping;
        this.imports = imports;
        this.upload = upload;
        this.json = json;
    }

    @Operation(summary = "Export the whole directory as HSDS 3.0 services, confidential addresses included")
    @GetMapping(path = "/api/admin/resources/hsds/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Flux<Service>> export() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.export(true).map(mapping::staffService));
    }

    @Operation(summary = "Export the whole directory as HSDS 3.0's tabular data package (a ZIP of CSV files),"
            + " confidential addresses included",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = ZipDownload.APPLICATION_ZIP,
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/api/admin/resources/hsds/export/csv", produces = ZipDownload.APPLICATION_ZIP)
    ResponseEntity<Flux<DataBuffer>> exportCsv() {
        return ZipDownload.attachment("chorus-directory-hsds-3.0.zip", (out, work) -> HsdsTableExport.write(
                queries.export(true).map(mapping::staffService).toIterable(), out, work));
    }

    @Operation(summary = "Import HSDS 3.0 services, all or nothing: a JSON array of /services/{id} objects, or a page"
            + " of /services?full=true (its contents)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = Service.class)))))
    @PostMapping(path = "/api/admin/resources/hsds/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<DirectoryImport.ImportReport> importServices(@RequestHeader HttpHeaders headers,
                                                      @RequestBody Flux<DataBuffer> body) {
        return upload.spooled(headers, body, file -> {
            List<Service> services;
            try (JsonParser parser = json.createParser(file.toFile())) {
                services = parser.nextToken() == JsonToken.START_OBJECT
                        ? json.readValue(parser, Contents.class).contents()
                        : json.readValue(parser, SERVICES);
                if (parser.nextToken() != null) {
                    return Mono.error(new ServerWebInputException("The file goes on after its JSON value."));
                }
            } catch (JacksonException e) {
                // as the other imports: the field path, never the content
                return Mono.error(new ServerWebInputException("The file is not a JSON array of HSDS 3.0 services"
                        + " nor a page of them.", null, e));
            }
            HsdsDrafts.Read read = HsdsDrafts.read(services);
            return imports.importServices(read.drafts(), read.sources(), HsdsDrafts::fieldName);
        });
    }

    @Operation(summary = "Import HSDS 3.0's tabular data package (a ZIP of CSV files, as the export writes it), all"
            + " or nothing; faults are named by file, row and column",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = ZipDownload.APPLICATION_ZIP, schema = @Schema(type = "string",
                            format = "binary"))))
    @PostMapping(path = "/api/admin/resources/hsds/import", consumes = ZipDownload.APPLICATION_ZIP)
    Mono<DirectoryImport.ImportReport> importCsv(@RequestHeader HttpHeaders headers,
                                                 @RequestBody Flux<DataBuffer> body) {
        return upload.spooled(headers, body, file -> {
            HsdsTableImport.Read tables = HsdsTableImport.read(file, upload.maxUnpackedBytes());
            HsdsDrafts.Read read = HsdsDrafts.read(tables.services(), tables.sources(), tables::fault);
            return imports.importServices(read.drafts(), read.sources(),
                    (i, field, message) -> tables.fault(i, HsdsDrafts.fieldName(field), message));
        });
    }
}
