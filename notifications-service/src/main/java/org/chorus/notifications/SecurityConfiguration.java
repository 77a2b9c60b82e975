package org.chorus.notifications;

import org.chorus.web.ResourceServerSecurity;
import org.chorus.web.StaffRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** Nothing public yet but health and the API description; subscriptions and campaigns come with their issue. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return ResourceServerSecurity.statelessJwt(http, json)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health/**", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/admin/campaigns/**", "/api/admin/campaigns")
                                .hasAnyRole(StaffRoles.CAMPAIGN_MANAGER, StaffRoles.ADMIN)
                        .anyExchange().denyAll())
                .build();
    }
}
