package org.chorus.gateway;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Another gateway in the test JVM, as a second one behind a load balancer. It runs on Netty resources of its own:
 * by default a gateway uses Reactor Netty's global ones and disposes them when it stops, which would stop the stub
 * service and the shared test gateway with it.
 */
public final class SecondGateway {

    private SecondGateway() {
    }

    /**
     * A second gateway with the same settings ({@code name=value}) as the test's own, on a free port; the test's own
     * takes them from {@link #register}.
     */
    public static ConfigurableApplicationContext start(List<String> settings) {
        return start(Stream.concat(Stream.of("server.port=0"), settings.stream()).map(setting -> "--" + setting)
                .toArray(String[]::new));
    }

    /** Puts settings ({@code name=value}) into the test gateway's environment, from a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, List<String> settings) {
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    /** Where a gateway started by {@link #start(List)} listens, for example {@code http://localhost:40321}. */
    public static String url(ConfigurableApplicationContext gateway) {
        return "http://localhost:" + gateway.getEnvironment().getProperty("local.server.port");
    }

    public static ConfigurableApplicationContext start(String... args) {
        // the development profile, as the test gateway's: the realm's published client secret
        // and, as the test gateway, no warm-up before readiness
        String[] all = Stream.concat(Stream.of("--chorus.edge.warm-up.requests=0"), Stream.of(args))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
                .profiles("development").run(all);
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
