package org.chorus.gateway.signin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own client in the realm, for staff sign-in. The dev secret is the one in deploy/keycloak; a real
 * deployment sets {@code CHORUS_SIGN_IN_CLIENT_SECRET} from its secret store.
 *
 * @param issuer        the realm, e.g. {@code http://localhost:8180/realms/chorus}
 * @param refreshBefore how long before its expiry an access token is refreshed before it is relayed, so a service
 *                      never receives one that runs out on the way
 */
@ConfigurationProperties("chorus.sign-in")
public record SignInProperties(
        URI issuer,
        @DefaultValue("chorus-gateway") String clientId,
        @DefaultValue("chorus-gateway-dev-secret") String clientSecret,
        @DefaultValue("60s") Duration refreshBefore) {
}
