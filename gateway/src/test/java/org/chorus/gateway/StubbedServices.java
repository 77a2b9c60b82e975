package org.chorus.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import reactor.netty.DisposableServer;

/**
 * The services behind the gateway in its integration tests: stories-service is a {@link StubService}, one for the
 * test JVM; resources-service and notifications-service are down (nothing listens where their routes point).
 * A test class that needs another service down says {@code chorus.services.stories=${chorus.test.service-down}}
 * in its test properties, which win over these.
 */
public final class StubbedServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String TEST_PROPERTIES = "Inlined Test Properties";
    private static final DisposableServer STORIES = StubService.start();
    private static final String DOWN = "http://127.0.0.1:" + closedPort();

    /** Where the stub service listens, for a second gateway started by a test. */
    public static String stub() {
        return "http://127.0.0.1:" + STORIES.port();
    }

    /** Where nothing listens. */
    public static String down() {
        return DOWN;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MapPropertySource services = new MapPropertySource("chorus-test-services", Map.of(
                "chorus.services.stories", stub(),
                "chorus.services.resources", DOWN,
                "chorus.services.notifications", DOWN,
                "chorus.test.service-down", DOWN));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(TEST_PROPERTIES)) {
            sources.addAfter(TEST_PROPERTIES, services);
        } else {
            sources.addFirst(services);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
