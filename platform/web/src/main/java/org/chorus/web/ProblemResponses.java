package org.chorus.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Every error a Chorus service answers is RFC 9457 problem+json. Bad input names the field that is wrong in
 * {@code errors[].field}; nothing a client sends can produce a 5xx or echo its content back into a log.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** Raised by a service for a rule that bean validation cannot express. */
    @ExceptionHandler(InvalidInput.class)
    Mono<ResponseEntity<ProblemDetail>> invalidInput(InvalidInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(fieldError(e.field(), e.getMessage())));
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<ProblemDetail>> tooLarge(DataBufferLimitException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than this endpoint accepts.");
        return Mono.just(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = e.getBody();
        problem.setTitle("Invalid request");
        problem.setDetail("Some fields are not valid.");
        problem.setProperty("errors", e.getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), message(error)))
                .toList());
        return handleExceptionInternal(e, problem, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (e.getCause() instanceof DataBufferLimitException tooLarge) {
            return tooLarge(tooLarge).map(response -> ResponseEntity.status(response.getStatusCode()).body(response.getBody()));
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Invalid request");
        if (e.getMethodParameter() != null && InvalidParameters.fromTheRequestLine(e.getMethodParameter())) {
            // "page=abc" for an int: the parameter is named like one that breaks a constraint
            problem.setDetail("Some parameters are not valid.");
            problem.setProperty("errors", List.of(fieldError(InvalidParameters.name(e.getMethodParameter()),
                    "has the wrong type or format")));
            return handleExceptionInternal(e, problem, headers, status, exchange);
        }
        String field = field(e);
        if (field != null) {
            problem.setDetail("The field has the wrong type or format.");
            problem.setProperty("errors", List.of(fieldError(field, "has the wrong type or format")));
        } else {
            problem.setDetail("The request body could not be read as JSON of the expected shape.");
        }
        return handleExceptionInternal(e, problem, headers, status, exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<ProblemDetail>> unexpected(Exception e, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            // a streamed answer failed halfway: too late for a problem, ServiceErrors cuts the connection
            return Mono.error(e);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            log.debug("Database unavailable: 503 ({})", e.getClass().getName());
            return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .headers(DatabaseUnavailable.headers())
                    .body(DatabaseUnavailable.problem(exchange.getRequest().getPath().value())));
        }
        // class and stack only: messages can carry request content
        return InTrace.run(() -> ErrorLog.unexpected(log, "Unexpected error", exchange, e))
                .then(Mono.fromSupplier(() -> ResponseEntity.internalServerError().body(
                        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                "Something went wrong on our side. Nothing was changed."))));
    }

    /** The JSON path of the value Jackson could not bind, e.g. {@code contactConsent}, or null. */
    private static String field(ServerWebInputException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // a value the parser itself refuses (a number too large for an int) has its path too
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return jackson.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                        .orElse(null);
            }
            if (cause instanceof DecodingException && cause.getCause() == null) {
                return null;
            }
        }
        return null;
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is not valid";
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
