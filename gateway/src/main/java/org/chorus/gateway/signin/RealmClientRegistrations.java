package org.chorus.gateway.signin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's registration in the realm, read from the realm's discovery document when first needed rather than
 * at start: the gateway must come up (and serve the public and the hotlines) while Keycloak is still starting or
 * down. A failed discovery is not remembered, so sign-in works as soon as Keycloak answers. With a back channel
 * ({@link SignInProperties#backChannel()}) the document is read there, and must name the configured issuer.
 */
final class RealmClientRegistrations implements ReactiveClientRegistrationRepository {

    static final String REGISTRATION_ID = "keycloak";

    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(DISCOVERY_TIMEOUT).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Mono<ClientRegistration> registration;

    RealmClientRegistrations(SignInProperties properties) {
        // ClientRegistrations reads the discovery document with a blocking client
        this.registration = Mono.fromCallable(() -> realm(properties)
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

    /**
     * The realm's endpoints from its discovery document. Over the back channel Keycloak names its own internal
     * address for what the gateway calls (token, keys, user info) and the public one for what the browser visits
     * (sign-in, sign-out) and for the issuer, which is checked here as discovery from the issuer would check it.
     */
    private static ClientRegistration.Builder realm(SignInProperties properties) throws IOException, InterruptedException {
        String issuer = properties.issuer().toString();
        if (properties.backChannel() == null) {
            return ClientRegistrations.fromIssuerLocation(issuer);
        }
        URI discovery = URI.create(properties.backChannel().toString().replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(discovery).timeout(DISCOVERY_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The realm's discovery document at " + discovery + " answered "
                    + answer.statusCode());
        }
        Map<String, Object> configuration = JSON.readValue(answer.body(), new TypeReference<Map<String, Object>>() {
        });
        if (!issuer.equals(configuration.get("issuer"))) {
            throw new IllegalStateException("The realm at chorus.sign-in.back-channel " + discovery + " names the issuer "
                    + configuration.get("issuer") + ", not chorus.sign-in.issuer " + issuer
                    + ": Keycloak's hostname must be the public address");
        }
        return ClientRegistrations.fromOidcConfiguration(configuration);
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration : Mono.empty();
    }
}
