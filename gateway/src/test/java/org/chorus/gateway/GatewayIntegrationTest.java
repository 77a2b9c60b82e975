package org.chorus.gateway;

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
 * The gateway on a real port in front of {@link StubbedServices} (a stub stories-service; resources and
 * notifications down), signing staff in at the real Keycloak with the chorus realm (the development profile: the
 * realm's published client secret, and bearer tokens of its dev-only password-grant client), and with
 * {@link UnexpectedFailure} to provoke. Rate limits are off (every test comes from 127.0.0.1), so is the proof-of-work
 * on anonymous writes (ProofOfWorkIT turns it on and solves its challenges), and a service gets a short while to answer. Test classes that add nothing of their own share one context; a class that needs other
 * settings adds {@code @TestPropertySource} (and gets a context of its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chorus.rate-limit.enabled=false",
        "chorus.proof-of-work.enabled=false",
        // no warm-up before readiness: each context would send itself thousands of requests (WarmUpBeforeReadyIT)
        "chorus.edge.warm-up.requests=0",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s"})
@AutoConfigureWebTestClient
@ActiveProfiles("development")
@ContextConfiguration(initializers = {InfrastructureInitializers.Keycloak.class, StubbedServices.class})
@Import(UnexpectedFailure.class)
public @interface GatewayIntegrationTest {
}
