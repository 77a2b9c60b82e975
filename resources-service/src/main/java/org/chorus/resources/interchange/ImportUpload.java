package org.chorus.resources.interchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives an import file of any size up to {@link ImportLimits#maxUpload()} by writing it to a temporary file as it
 * arrives (the codecs' 256 KB in-memory limit stays in force for every other body), hands the file to a reader on a
 * blocking-friendly thread, and deletes it whatever happens.
 */
@Component
public class ImportUpload {

    private final ImportLimits limits;

    ImportUpload(ImportLimits limits) {
        this.limits = limits;
    }

    ImportLimits limits() {
        return limits;
    }

    /** The most bytes all entries of an imported ZIP may unpack to. */
    public long maxUnpackedBytes() {
        return limits.maxUnpacked().toBytes();
    }

    /** @param read runs on boundedElastic: it may block reading the file */
    public <T> Mono<T> spooled(HttpHeaders headers, Flux<DataBuffer> body, Function<Path, Mono<T>> read) {
        long cap = limits.maxUpload().toBytes();
        if (headers.getContentLength() > cap) {
            // refused before a byte is read; the body is drained by the server
            return Mono.error(tooLarge(cap));
        }
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("chorus-import-", ".upload"))
                        .subscribeOn(Schedulers.boundedElastic()),
                file -> DataBufferUtils.write(capped(body, cap), file)
                        .then(Mono.defer(() -> read.apply(file)).subscribeOn(Schedulers.boundedElastic())),
                file -> Mono.fromRunnable(() -> delete(file)).subscribeOn(Schedulers.boundedElastic()));
    }

    private static Flux<DataBuffer> capped(Flux<DataBuffer> body, long cap) {
        AtomicLong received = new AtomicLong();
        return body.handle((buffer, sink) -> {
            if (received.addAndGet(buffer.readableByteCount()) > cap) {
                DataBufferUtils.release(buffer);
                sink.error(tooLarge(cap));
            } else {
                sink.next(buffer);
            }
        });
    }

    static ErrorResponseException tooLarge(long cap) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "An import file may be at most " + DataSize.ofBytes(cap).toMegabytes() + " MB; split it into several.");
        problem.setTitle("Import file too large");
        problem.setProperty("max_bytes", cap);
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
