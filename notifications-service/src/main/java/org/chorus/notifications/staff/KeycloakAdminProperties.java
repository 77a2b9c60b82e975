package org.chorus.notifications.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications-service reaches Keycloak's admin API: as the service account of its own confidential client,
 * which holds only the realm-management roles it needs (view/query/manage users, view realm).
 *
 * @param clientSecret   that client's secret, from the environment; there is no default (the development one is in
 *                       {@code application-development.yml} and refused elsewhere, {@link DevelopmentClientSecret})
 * @param portalClientId the client a new staff member signs in through (the gateway's)
 * @param portalUrl      where the set-password mail sends a new staff member once they are done
 */
@ConfigurationProperties("chorus.keycloak")
public record KeycloakAdminProperties(String serverUrl, String realm, String clientId, String clientSecret,
        String portalClientId, String portalUrl) {

    public KeycloakAdminProperties {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException("chorus.keycloak.client-secret is not set: set CHORUS_KEYCLOAK_CLIENT_SECRET "
                    + "to the secret of client " + clientId + " in Keycloak, or run with the 'development' profile");
        }
    }
}
