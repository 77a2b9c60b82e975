package org.chorus.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

class SealedSessionsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.staff-access-token-value";

    private final SealedSessions sessions = new SealedSessions(Base64.getDecoder().decode(RedisSessions.DEVELOPMENT_KEY));

    /** A value of no type a session holds: refused on reading, its code never run. */
    record Gadget(String command) implements Serializable {
    }

    @Test
    void whatASessionHoldsComesBackAndItsTokenIsNotInRedisInClear() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("token", new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, TOKEN,
                Instant.parse("2027-10-15T09:00:00Z"), Instant.parse("2027-10-15T09:05:00Z")));
        attributes.put("context", new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                "moderator", null, List.of(new SimpleGrantedAuthority("ROLE_moderator")))));
        attributes.put("idle", Duration.ofMinutes(10));

        byte[] stored = sessions.serialize(attributes);

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("staff-access-token-value", "moderator");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) sessions.deserialize(stored);
        assertThat(((OAuth2AccessToken) back.get("token")).getTokenValue()).isEqualTo(TOKEN);
        assertThat(((SecurityContextImpl) back.get("context")).getAuthentication().getName()).isEqualTo("moderator");
        assertThat(back.get("idle")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aTamperedOrForeignValueReadsAsAbsent() {
        byte[] stored = sessions.serialize("signed in");
        stored[stored.length - 1] ^= 1;

        assertThat(sessions.deserialize(stored)).isNull();
        assertThat(new SealedSessions(new byte[32]).deserialize(sessions.serialize("signed in"))).isNull();
        assertThat(sessions.deserialize("rO0ABXQACXNpZ25lZCBpbg==".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(sessions.deserialize(new byte[0])).isNull();
    }

    @Test
    void aTypeNoSessionHoldsIsRefusedEvenWhenSealedWithTheKey() {
        assertThat(sessions.deserialize(sessions.serialize(new Gadget("rm -rf /")))).isNull();
        assertThat(sessions.deserialize(sessions.serialize(List.of(new Gadget("inside a list"))))).isNull();
    }
}
