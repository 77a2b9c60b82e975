package org.chorus.gateway.signin;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who is signed in, for the portal to greet them and show their tools. Answered by the
 * gateway from the session (or a bearer token); no token ever leaves it.
 */
@RestController
class CurrentStaffMember {

    @GetMapping("/api/me")
    StaffMember me(Authentication authentication) {
        String name = authentication.getName();
        if (authentication.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null) {
            name = user.getPreferredUsername();
        } else if (authentication instanceof JwtAuthenticationToken bearer
                && bearer.getToken().getClaimAsString("preferred_username") != null) {
            name = bearer.getToken().getClaimAsString("preferred_username");
        }
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new StaffMember(name, roles);
    }

    record StaffMember(String name, List<String> roles) {
    }
}
