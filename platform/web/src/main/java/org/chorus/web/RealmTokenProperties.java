package org.chorus.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which of the realm's tokens are meant for Chorus's API. Issuer and signature only say "this realm"; every client of
 * the realm (the notifications service account, any client an administrator adds) gets such tokens.
 *
 * @param audience         what {@code aud} must contain: the realm adds it to the API clients' tokens
 *                         (deploy/keycloak, the {@code chorus-api audience} mappers)
 * @param authorizedParties the clients ({@code azp}) whose tokens the API takes: the gateway (staff signed in at the
 *                         portal) and automation; the development profile adds the dev-only {@code chorus-dev-cli}
 */
@ConfigurationProperties("chorus.tokens")
public record RealmTokenProperties(
        @DefaultValue("chorus-api") String audience,
        @DefaultValue({"chorus-gateway", "chorus-automation"}) List<String> authorizedParties) {

    public RealmTokenProperties {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("chorus.tokens.audience must name the API's audience");
        }
        authorizedParties = authorizedParties == null ? List.of() : List.copyOf(authorizedParties);
        if (authorizedParties.isEmpty()) {
            throw new IllegalArgumentException("chorus.tokens.authorized-parties must name at least one client");
        }
    }
}
