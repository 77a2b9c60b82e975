package org.chorus.gateway.signin;

import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without the gateway's client secret, or with one that is public: the development secret ships in
 * {@code application-development.yml} and in the development realm (deploy/keycloak/chorus-realm.json), so whoever
 * has this repository could act as the gateway towards a realm that kept it. It is accepted only under the
 * {@value #PROFILE} profile (the devstack and the tests).
 */
@Component
class DevelopmentSecrets {

    static final String PROFILE = "development";

    /** Every client secret of the gateway that has been published with the code. */
    private static final Set<String> PUBLISHED = Set.of("chorus-gateway-dev-secret");

    DevelopmentSecrets(SignInProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        String secret = properties.clientSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("chorus.sign-in.client-secret (CHORUS_SIGN_IN_CLIENT_SECRET) is not set: "
                    + "the gateway's secret in the realm, from the secret store; or run with the '" + PROFILE
                    + "' profile");
        }
        if (PUBLISHED.contains(secret.strip())) {
            throw new IllegalStateException("chorus.sign-in.client-secret (CHORUS_SIGN_IN_CLIENT_SECRET) is the "
                    + "published development secret, accepted only with the '" + PROFILE + "' profile; set the "
                    + "gateway client's real secret from the realm");
        }
    }
}
