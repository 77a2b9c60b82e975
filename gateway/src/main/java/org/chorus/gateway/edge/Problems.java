package org.chorus.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the RFC 9457 problem+json answers the gateway gives itself (its own errors, not the services'). A detail
 * is always a fixed sentence of ours: nothing a client sent and no exception message is ever echoed back.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
        return write(response, status, detail, Map.of());
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail,
                                   Map<String, Object> extra) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.putAll(extra);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        byte[] body = JSON.writeValueAsBytes(problem);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
