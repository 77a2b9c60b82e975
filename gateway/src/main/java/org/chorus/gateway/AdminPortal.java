package org.chorus.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /admin} is the portal's page; its assets live under {@code /admin/}. */
@Configuration
class AdminPortal {

    @Bean
    RouterFunction<ServerResponse> adminPage() {
        ClassPathResource page = new ClassPathResource("static/admin/index.html");
        return route()
                .GET("/admin", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .build();
    }
}
