package org.chorus.gateway.edge;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.chorus.web.AnswerCutOff;
import org.chorus.web.ErrorLog;
import org.chorus.web.InTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself produces answers as problem+json: unknown paths, wrong methods, bodies that are
 * too large, and a service that is down, slow or hangs up. Ordered before Boot's default handler, so no stack
 * trace or whitelabel page can reach a client. Logs name the exception's class and, for the unexpected, its stack
 * without messages ({@link ErrorLog}): messages can hold addresses, a query, a story. A client that closed its
 * connection gets no answer and costs one DEBUG line.
 */
@Component
@Order(-2)
class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return InTrace.defer(() -> answer(exchange, error));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        if (ErrorLog.clientWentAway(exchange, error)) {
            log.debug("{} {}: the client closed its connection ({})", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), error.getClass().getName());
            return Mono.empty();
        }
        if (exchange.getResponse().isCommitted()) {
            // the answer has begun: the connection must be cut, and Spring's own log of that (the exception's
            // message and the query) is off (platform/web), so this is the line that says it happened
            log.warn("{} {} failed after its answer began: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), error.getClass().getName());
            AnswerCutOff.cut(exchange);
            return Mono.empty();
        }
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        Answer answer = answer(error);
        if (answer.status().is5xxServerError()) {
            log.warn("{} {} answered {} after {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), answer.status().value(), error.getClass().getName());
        }
        if (error instanceof MethodNotAllowedException notAllowed && !notAllowed.getSupportedMethods().isEmpty()) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        if (ErrorPage.wanted(exchange.getRequest())) {
            return ErrorPage.write(exchange.getRequest(), exchange.getResponse(), answer.status(), answer.detail());
        }
        return Problems.write(exchange.getResponse(), answer.status(), answer.detail());
    }

    static Answer answer(Throwable error) {
        if (causedBy(error, DataBufferLimitException.class)) {
            return new Answer(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this address accepts.");
        }
        if (error instanceof ResponseStatusException status) {
            return forStatus(status.getStatusCode());
        }
        if (causedBy(error, io.netty.channel.ConnectTimeoutException.class) || causedBy(error, TimeoutException.class)) {
            return forStatus(HttpStatus.GATEWAY_TIMEOUT);
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, java.net.UnknownHostException.class)) {
            return forStatus(HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (causedBy(error, DataAccessException.class) || causedBy(error, io.lettuce.core.RedisException.class)) {
            // the only data the gateway reaches itself is Redis (staff sessions): staff wait, readers never get here
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "Staff sign-in is not available for a moment. "
                    + "Please try again in a minute; the public site is not affected.");
        }
        if (causedBy(error, java.io.IOException.class)) {
            // the service hung up or answered something that is not HTTP
            return forStatus(HttpStatus.BAD_GATEWAY);
        }
        log.error("Unexpected error at the gateway: {}", ErrorLog.stackWithoutMessages(error));
        return forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static Answer forStatus(HttpStatusCode code) {
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept this method.";
            case CONTENT_TOO_LARGE -> "The request body is larger than this address accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address does not accept this content type.";
            case NOT_ACCEPTABLE -> "This address cannot answer in the format asked for.";
            case BAD_REQUEST -> "The request could not be read.";
            case SERVICE_UNAVAILABLE -> "This part of Chorus is not answering right now. Please try again in a minute.";
            case GATEWAY_TIMEOUT -> "This part of Chorus took too long to answer. Please try again in a minute.";
            case BAD_GATEWAY -> "This part of Chorus gave an answer we could not use. Please try again in a minute.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side. Nothing was changed.";
            default -> status.getReasonPhrase() + ".";
        };
        return new Answer(status, detail);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    record Answer(HttpStatus status, String detail) {
    }
}
