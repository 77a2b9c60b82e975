package org.chorus.web;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token of the realm is taken only when it was issued for Chorus's API ({@code aud} holds the API's audience) to
 * one of the clients allowed to call it ({@code azp}). Spring Boot adds it to the decoder's issuer, signature and
 * expiry checks; a refused token is a 401 like any invalid one.
 */
public final class RealmTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NOT_FOR_THIS_API = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token was not issued for this API.", null);

    private final String audience;
    private final Set<String> authorizedParties;

    public RealmTokenValidator(String audience, Set<String> authorizedParties) {
        this.audience = audience;
        this.authorizedParties = Set.copyOf(authorizedParties);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> audiences = token.getAudience();
        String authorizedParty = token.getClaimAsString("azp");
        boolean forThisApi = audiences != null && audiences.contains(audience);
        boolean allowedClient = authorizedParty != null && authorizedParties.contains(authorizedParty);
        return forThisApi && allowedClient
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(NOT_FOR_THIS_API);
    }
}
