package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RealmRolesTest {

    private final RealmRoles realmRoles = new RealmRoles();

    @Test
    void realmRolesBecomeRoleAuthorities() {
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("moderator", "admin"))));

        assertThat(realmRoles.convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_moderator", "ROLE_admin");
    }

    @Test
    void tokenWithoutRealmAccessHasNoRoles() {
        assertThat(realmRoles.convert(jwt(Map.of("scope", "openid")))).isEmpty();
    }

    @Test
    void malformedRealmAccessGrantsNothing() {
        assertThat(realmRoles.convert(jwt(Map.of("realm_access", "moderator")))).isEmpty();
        assertThat(realmRoles.convert(jwt(Map.of("realm_access", Map.of("roles", "moderator"))))).isEmpty();
        assertThat(realmRoles.convert(jwt(Map.of("realm_access", Map.of("roles", List.of(42, Map.of())))))).isEmpty();
    }

    @Test
    void clientRolesAreNotRealmRoles() {
        Jwt jwt = jwt(Map.of("resource_access", Map.of("chorus-gateway", Map.of("roles", List.of("admin")))));

        assertThat(realmRoles.convert(jwt)).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).subject("someone");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
