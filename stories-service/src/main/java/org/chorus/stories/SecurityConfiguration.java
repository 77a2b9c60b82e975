package org.chorus.stories;

import static org.chorus.web.StaffRoles.MODERATOR;

import org.chorus.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** The public endpoints are an explicit list; everything staff-facing needs the moderator role; the rest is closed. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return ResourceServerSecurity.statelessJwt(http, json)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.POST, "/api/stories").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/stories", "/api/stories/**").permitAll()
                        .pathMatchers("/actuator/health/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/stories/**", "/api/admin/stories").hasRole(MODERATOR)
                        .anyExchange().denyAll())
                .build();
    }
}
