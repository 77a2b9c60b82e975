package org.chorus.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.chorus.testsupport.InfrastructureInitializers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** A Spring context with the messaging auto-configuration on a real PostgreSQL and a real Kafka broker. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = MessagingTestApplication.class)
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
@interface MessagingIntegrationTest {
}
