package org.chorus.resources.interchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A ZIP file answered as a download while it is written: the writer runs on boundedElastic (it blocks on temporary
 * files and on the database's stream) and its bytes go out as they come. Staff data: never cached.
 */
public final class ZipDownload {

    public static final String APPLICATION_ZIP = "application/zip";

    /** Writes the ZIP; {@code workDirectory} is where it may keep temporary files. */
    @FunctionalInterface
    public interface Writer {

        void write(OutputStream out, Path workDirectory) throws IOException;
    }

    private ZipDownload() {
    }

    public static ResponseEntity<Flux<DataBuffer>> attachment(String filename, Writer writer) {
        Flux<DataBuffer> zip = Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            try {
                writer.write(out, Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DefaultDataBufferFactory.sharedInstance, task -> Schedulers.boundedElastic().schedule(task)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(APPLICATION_ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .cacheControl(CacheControl.noStore())
                .body(zip);
    }
}
