package org.chorus.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of every service's security that is the same everywhere: stateless bearer-token authentication against
 * the realm's keys, realm roles as authorities, and 401/403 answered as problem+json. Each service then lists its
 * own public paths and role rules.
 */
public final class ResourceServerSecurity {

    private ResourceServerSecurity() {
    }

    public static ServerHttpSecurity statelessJwt(ServerHttpSecurity http, JsonMapper json) {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new RealmRoles());
        return http
                // no cookies, no sessions: CSRF cannot ride on a bearer token
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint((exchange, e) ->
                                problem(exchange, json, HttpStatus.UNAUTHORIZED, "A valid staff token is required."))
                        .accessDeniedHandler((exchange, e) ->
                                problem(exchange, json, HttpStatus.FORBIDDEN, "Your role does not allow this.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) ->
                                problem(exchange, json, HttpStatus.UNAUTHORIZED, "A valid staff token is required."))
                        .accessDeniedHandler((exchange, e) ->
                                problem(exchange, json, HttpStatus.FORBIDDEN, "Your role does not allow this.")));
    }

    private static Mono<Void> problem(ServerWebExchange exchange, JsonMapper json, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (status == HttpStatus.UNAUTHORIZED) {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        }
        return RawProblems.write(exchange.getResponse(), json, problem);
    }
}
