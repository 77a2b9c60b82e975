package org.chorus.web;

import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterValidationResult;
import reactor.core.publisher.Mono;

/**
 * Names the query parameter that broke a constraint ({@code size}, {@code exclude_warning} …) in {@code errors[]},
 * as {@link ProblemResponses} does for body fields; without this the problem says only "validation failure".
 * Every service validates query parameters this way: constraints on the handler's parameters, named here.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidParameters {

    @ExceptionHandler(HandlerMethodValidationException.class)
    Mono<ResponseEntity<ProblemDetail>> invalidParameters(HandlerMethodValidationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some parameters are not valid.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", name(result), "message", message(error))))
                .toList());
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    private static String name(ParameterValidationResult result) {
        RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = result.getMethodParameter().getParameterName();
        return name != null ? name : "parameter " + result.getMethodParameter().getParameterIndex();
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is not valid";
    }
}
