package org.chorus.gateway.signin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own client in the realm, for staff sign-in. A deployment sets {@code CHORUS_SIGN_IN_CLIENT_SECRET}
 * from its secret store; the development realm's published secret is in {@code application-development.yml}, and
 * {@link DevelopmentSecrets} refuses it, and a missing one, outside that profile.
 *
 * @param issuer        the realm, e.g. {@code http://localhost:8180/realms/chorus}: where browsers sign in, and the
 *                      issuer every token must name
 * @param backChannel   the same realm as the gateway reaches it over an internal network, e.g.
 *                      {@code http://keycloak:8080/realms/chorus}, when that is not the issuer's address: the
 *                      discovery document, the code exchange and the keys go there (Keycloak answers there with
 *                      internal addresses under {@code hostname-backchannel-dynamic}); unset, everything goes to the
 *                      issuer
 * @param refreshBefore how long before its expiry an access token is refreshed before it is relayed, so a service
 *                      never receives one that runs out on the way
 * @param pendingSessionTimeout how long a session lives between the start of a sign-in and its end: long enough to
 *                      type a password and a one-time code, short enough that a flood of starts fades quickly
 */
@ConfigurationProperties("chorus.sign-in")
public record SignInProperties(
        URI issuer,
        URI backChannel,
        @DefaultValue("chorus-gateway") String clientId,
        String clientSecret,
        @DefaultValue("60s") Duration refreshBefore,
        @DefaultValue("10m") Duration pendingSessionTimeout) {
}
