package org.chorus.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test at the real servers of {@link Infrastructure}. A service's test meta-annotation lists
 * the initializers it needs in {@code @ContextConfiguration(initializers = ...)}.
 */
public final class InfrastructureInitializers {

    private InfrastructureInitializers() {
    }

    /**
     * The service's own database, named after {@code spring.application.name} (dashes become underscores) unless
     * {@code chorus.test.database} says otherwise; R2DBC for the application, JDBC for Flyway.
     */
    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ConfigurableEnvironment environment = context.getEnvironment();
            String name = environment.getProperty("chorus.test.database",
                    environment.getProperty("spring.application.name", "chorus").replace('-', '_'));
            PostgresServer postgres = Infrastructure.postgres();
            String database = postgres.createDatabase(name);
            add(environment, "postgres", Map.of(
                    "spring.r2dbc.url", postgres.r2dbcUrl(database),
                    "spring.r2dbc.username", postgres.username(),
                    "spring.r2dbc.password", postgres.password(),
                    "spring.flyway.url", postgres.jdbcUrl(database),
                    "spring.flyway.user", postgres.username(),
                    "spring.flyway.password", postgres.password()));
        }
    }

    public static final class Kafka implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            add(context.getEnvironment(), "kafka",
                    Map.of("spring.kafka.bootstrap-servers", Infrastructure.kafka().bootstrapServers()));
        }
    }

    public static final class Keycloak implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            KeycloakServer keycloak = Infrastructure.keycloak();
            add(context.getEnvironment(), "keycloak", Map.of(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak.issuer(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", keycloak.jwkSetUri(),
                    "chorus.keycloak.server-url", keycloak.url()));
        }
    }

    public static final class Smtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            SmtpServer smtp = Infrastructure.smtp();
            add(context.getEnvironment(), "smtp", Map.of(
                    "spring.mail.host", smtp.host(),
                    "spring.mail.port", String.valueOf(smtp.port())));
        }
    }

    private static void add(ConfigurableEnvironment environment, String name, Map<String, Object> properties) {
        environment.getPropertySources().addFirst(new MapPropertySource("chorus-test-" + name, properties));
    }
}
