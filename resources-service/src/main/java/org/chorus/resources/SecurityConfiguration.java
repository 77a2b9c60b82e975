package org.chorus.resources;

import static org.chorus.web.StaffRoles.RESOURCE_EDITOR;

import org.chorus.web.ManagementPort;
import org.chorus.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** The directory is public to read; changing it needs the resource-editor role. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json, ManagementPort management) {
        return ResourceServerSecurity.statelessJwt(http, json)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.GET, "/api/resources/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/resources/search").permitAll()
                        // the metrics endpoint answers on the management port only (RequestObservations)
                        .matchers(management).permitAll()
                        .pathMatchers("/actuator/health/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/resources/**").hasRole(RESOURCE_EDITOR)
                        .anyExchange().denyAll())
                .build();
    }
}
