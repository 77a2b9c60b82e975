package org.chorus.gateway.signin;

import java.time.Duration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's registration in the realm, read from the realm's discovery document when first needed rather than
 * at start: the gateway must come up (and serve the public and the hotlines) while Keycloak is still starting or
 * down. A failed discovery is not remembered, so sign-in works as soon as Keycloak answers.
 */
final class RealmClientRegistrations implements ReactiveClientRegistrationRepository {

    static final String REGISTRATION_ID = "keycloak";

    private final Mono<ClientRegistration> registration;

    RealmClientRegistrations(SignInProperties properties) {
        // ClientRegistrations reads the discovery document with a blocking client
        this.registration = Mono.fromCallable(() -> ClientRegistrations
                        .fromIssuerLocation(properties.issuer().toString())
                        .registrationId(REGISTRATION_ID)
                        .clientId(properties.clientId())
                        .clientSecret(properties.clientSecret())
                        .scope("openid", "profile")
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .userNameAttributeName("preferred_username")
                        .build())
                .subscribeOn(Schedulers.boundedElastic())
                .cache(found -> Duration.ofDays(3650), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration : Mono.empty();
    }
}
