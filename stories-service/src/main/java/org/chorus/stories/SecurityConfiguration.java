package org.chorus.stories;

import static org.chorus.web.StaffRoles.ADMIN;
import static org.chorus.web.StaffRoles.MODERATOR;

import org.chorus.web.ManagementPort;
import org.chorus.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public endpoints are an explicit list; the audit log needs the admin role, the rest of the staff side the
 * moderator role; everything else is closed. The author's manage endpoints are public: the token is the proof.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json, ManagementPort management) {
        return ResourceServerSecurity.statelessJwt(http, json)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.POST, "/api/stories", "/api/stories/*/reports").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/stories/taxonomies").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/stories", "/api/stories/**").permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/stories/manage").permitAll()
                        .pathMatchers(HttpMethod.PUT, "/api/stories/manage", "/api/stories/manage/consents").permitAll()
                        // the metrics endpoint answers on the management port only (RequestObservations)
                        .matchers(management).permitAll()
                        .pathMatchers("/actuator/health/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/stories/audit").hasRole(ADMIN)
                        .pathMatchers("/api/admin/stories/**", "/api/admin/stories").hasRole(MODERATOR)
                        .anyExchange().denyAll())
                .build();
    }
}
