package org.chorus.notifications.staff;

import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with the Keycloak client secret that is public (it is in {@code application-development.yml} and
 * the development realm): a realm that accepts it lets anyone with this repository manage staff accounts. It is
 * accepted only under the {@value #PROFILE} profile (the devstack and the tests).
 */
@Component
class DevelopmentClientSecret {

    static final String PROFILE = "development";

    /** Every client secret that has been published with the code. */
    private static final Set<String> PUBLISHED = Set.of("chorus-notifications-dev-secret");

    DevelopmentClientSecret(KeycloakAdminProperties properties, Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE)) && PUBLISHED.contains(properties.clientSecret().strip())) {
            throw new IllegalStateException("chorus.keycloak.client-secret is the published development secret, "
                    + "accepted only with the '" + PROFILE + "' profile; set CHORUS_KEYCLOAK_CLIENT_SECRET to the "
                    + "secret of client " + properties.clientId() + " in Keycloak");
        }
    }
}
