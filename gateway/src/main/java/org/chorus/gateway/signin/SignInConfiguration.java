package org.chorus.gateway.signin;

import org.chorus.web.RealmRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Staff sign-in with the gateway as backend-for-frontend: the gateway holds the tokens, the browser a session
 * cookie. Tokens live in the session itself, so they go wherever sessions go (memory, or Redis when several
 * gateways share the work) and die with it at sign-out.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    ReactiveClientRegistrationRepository realmClientRegistrations(SignInProperties properties) {
        return new RealmClientRegistrations(properties);
    }

    @Bean
    ServerOAuth2AuthorizedClientRepository tokensInTheSession() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** What TokenRelay asks for a staff member's access token; refreshes it when it has expired. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClients(ReactiveClientRegistrationRepository registrations,
                                                            ServerOAuth2AuthorizedClientRepository tokens,
                                                            SignInProperties properties) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clockSkew(properties.refreshBefore()))
                .build());
        return manager;
    }

    /**
     * Keycloak names realm roles in the access token, not the ID token: the signed-in staff member's roles are read
     * from the access token, after its signature and issuer are checked like any bearer token's.
     */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> staffMembers(ReactiveJwtDecoder accessTokens) {
        OidcReactiveOAuth2UserService oidc = new OidcReactiveOAuth2UserService();
        RealmRoles roles = new RealmRoles();
        return request -> oidc.loadUser(request).flatMap(user ->
                accessTokens.decode(request.getAccessToken().getTokenValue()).map(token ->
                        new DefaultOidcUser(roles.convert(token), user.getIdToken(), user.getUserInfo(),
                                "preferred_username")));
    }
}
