package org.chorus.notifications.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications-service reaches Keycloak's admin API: as the service account of its own confidential client,
 * which holds only the realm-management roles it needs (view/query/manage users, view realm).
 *
 * @param portalClientId the client a new staff member signs in through (the gateway's)
 * @param portalUrl      where the set-password mail sends a new staff member once they are done
 */
@ConfigurationProperties("chorus.keycloak")
public record KeycloakAdminProperties(String serverUrl, String realm, String clientId, String clientSecret,
        String portalClientId, String portalUrl) {
}
