package org.chorus.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The errors {@link ProblemResponses} never sees, because no controller method was running when they happened: a
 * web filter's, and one after the answer began (a streamed list whose query fails halfway). Answered as problem+json
 * while nothing has been sent; logged by class and stack without messages ({@link ErrorLog}) in every case, where
 * Spring's own handlers would log the exception's message and the request's query.
 */
@Order(-2)
class ServiceErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrors.class);

    private final JsonMapper json;

    ServiceErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return InTrace.defer(() -> answer(exchange, error));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (ErrorLog.clientWentAway(exchange, error)) {
            log.debug("{}: the client closed its connection ({})", request, error.getClass().getName());
            return Mono.empty();
        }
        if (exchange.getResponse().isCommitted()) {
            log.warn("{} failed after its answer began: {}", request, ErrorLog.stackWithoutMessages(error));
            AnswerCutOff.cut(exchange);
            return Mono.empty();
        }
        if (DatabaseUnavailable.causedBy(error)) {
            log.debug("{}: database unavailable, 503 ({})", request, error.getClass().getName());
            exchange.getResponse().getHeaders().addAll(DatabaseUnavailable.headers());
            return RawProblems.write(exchange.getResponse(), json,
                    DatabaseUnavailable.problem(exchange.getRequest().getPath().value()));
        }
        HttpStatus status = error instanceof ResponseStatusException known
                ? HttpStatus.resolve(known.getStatusCode().value()) : null;
        if (status == null || status.is5xxServerError()) {
            ErrorLog.unexpected(log, request, exchange, error);
            return write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Nothing was changed.");
        }
        return write(exchange, status, status.getReasonPhrase() + ".");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return RawProblems.write(exchange.getResponse(), json, problem);
    }
}
