package org.chorus.web;

import java.net.URI;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A request that failed because the service's database cannot be reached (stopped, restarting, failing over, no
 * connection free in time). Nothing was stored, since a write is one transaction, and nothing is wrong with the
 * request: it is answered 503 with {@code Retry-After}, so a client tries again instead of reporting a failure, and
 * the site's retry works. Not logged per request: a surge against a stopped database would write thousands of lines;
 * the health endpoint, the outbox relay's warnings and the 503 count say it.
 */
final class DatabaseUnavailable {

    /** Seconds a client should wait: a PostgreSQL restart or failover takes a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final List<Class<? extends Throwable>> SIGNS = List.of(DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, QueryTimeoutException.class);

    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Throwable current = cause;
            if (SIGNS.stream().anyMatch(sign -> sign.isInstance(current))) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail problem(String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service cannot reach its database just now. Nothing was stored; please try again in a few seconds.");
        problem.setInstance(URI.create(path));
        return problem;
    }

    static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return headers;
    }
}
