package org.chorus.web;

import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
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
                        .map(error -> Map.of("field", name(result.getMethodParameter()), "message", message(error))))
                .toList());
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    /** The name a client used for a query parameter, header or path variable. */
    static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "parameter " + parameter.getParameterIndex();
    }

    /** Whether a parameter comes from the request line or headers rather than the body. */
    static boolean fromTheRequestLine(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RequestParam.class) || parameter.hasParameterAnnotation(RequestHeader.class)
                || parameter.hasParameterAnnotation(PathVariable.class);
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is not valid";
    }
}
