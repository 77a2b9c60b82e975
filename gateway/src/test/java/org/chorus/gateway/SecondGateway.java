package org.chorus.gateway;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Another gateway in the test JVM, as a second one behind a load balancer. It runs on Netty resources of its own:
 * by default a gateway uses Reactor Netty's global ones and disposes them when it stops, which would stop the stub
 * service and the shared test gateway with it.
 */
public final class SecondGateway {

    private SecondGateway() {
    }

    public static ConfigurableApplicationContext start(String... args) {
        // the development profile, as the test gateway's: the realm's published client secret
        return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
                .profiles("development").run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {
        @Bean
        ReactorResourceFactory ownNettyResources() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }
}
