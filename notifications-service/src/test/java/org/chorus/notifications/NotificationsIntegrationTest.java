package org.chorus.notifications;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.chorus.testsupport.InfrastructureInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * notifications-service on a real PostgreSQL, Kafka broker, SMTP server (GreenMail) and Keycloak (staff accounts
 * and the moderators a digest goes to), with its bounce mailbox on a real IMAP server. Driven over HTTP; one of each server per test JVM, shared by every test class.
 * The development profile brings the public development keys and Keycloak client secret, without which the service
 * refuses to start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureWebTestClient
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class,
        InfrastructureInitializers.Smtp.class, InfrastructureInitializers.Keycloak.class,
        BounceMailboxServer.Initializer.class})
public @interface NotificationsIntegrationTest {
}
