package org.chorus.stories;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.chorus.testsupport.InfrastructureInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * stories-service on a real PostgreSQL and Kafka broker, driven over HTTP ({@code WebTestClient}, and {@code StoryApi}
 * for the usual steps); staff tokens are mocked JWTs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureWebTestClient
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
@Import(StoryApi.class)
public @interface StoriesIntegrationTest {
}
