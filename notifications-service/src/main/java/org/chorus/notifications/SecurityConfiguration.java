package org.chorus.notifications;

import org.chorus.web.ManagementPort;
import org.chorus.web.ResourceServerSecurity;
import org.chorus.web.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public: health, the API description, and subscriptions (anonymous; their signed links are their only credential).
 * Staff accounts need the admin role. Everything else is denied until a feature names its rule.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json, ManagementPort management) {
        return ResourceServerSecurity.statelessJwt(http, json)
                .authorizeExchange(exchange -> exchange
                        // the metrics endpoint answers on the management port only (RequestObservations)
                        .matchers(management).permitAll()
                        .pathMatchers("/actuator/health/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/staff", "/api/admin/staff/**").hasRole(StaffRoles.ADMIN)
                        .pathMatchers("/api/subscriptions", "/api/subscriptions/**").permitAll()
                        .pathMatchers("/api/admin/campaigns/**", "/api/admin/campaigns")
                                .hasAnyRole(StaffRoles.CAMPAIGN_MANAGER, StaffRoles.ADMIN)
                        .anyExchange().denyAll())
                .build();
    }
}
