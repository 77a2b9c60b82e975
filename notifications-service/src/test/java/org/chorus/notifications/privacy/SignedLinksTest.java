package org.chorus.notifications.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedLinksTest {

    private final SignedLinks links = new SignedLinks(PrivacyFixtures.properties());
    private final Instant now = Instant.parse("2027-10-15T13:00:00Z");
    private final UUID subscriber = UUID.randomUUID();

    @Test
    void tokenVerifiesToItsSubjectForItsPurposeUntilItExpires() {
        String token = links.sign(subscriber, "preferences", now.plus(Duration.ofDays(30)));

        assertThat(links.verify(token, "preferences", now)).contains(subscriber);
        assertThat(links.verify(token, "preferences", now.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void tokenMadeForOnePurposeDoesNotOpenAnother() {
        String token = links.sign(subscriber, "confirm", now.plusSeconds(60));

        assertThat(links.verify(token, "unsubscribe", now)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        PrivacyProperties p = PrivacyFixtures.properties();
        SignedLinks other = new SignedLinks(
                new PrivacyProperties(p.emailKeys(), p.activeEmailKeyId(), p.blindIndexKey(), null, p.blindIndexKey(), null));

        assertThat(links.verify(other.sign(subscriber, "confirm", now.plusSeconds(60)), "confirm", now)).isEmpty();
    }

    @Test
    void afterALinkKeyRotationLinksAlreadyMailedStillOpenAndNewOnesAreSignedWithTheNewKey() {
        String mailedBefore = links.sign(subscriber, "preferences", now.plus(Duration.ofDays(30)));
        SignedLinks rotated = new SignedLinks(PrivacyFixtures.rotated());
        String signedAfter = rotated.sign(subscriber, "preferences", now.plus(Duration.ofDays(30)));

        assertThat(rotated.verify(mailedBefore, "preferences", now)).contains(subscriber);
        assertThat(rotated.verify(signedAfter, "preferences", now)).contains(subscriber);
        // nothing new is signed with the previous key: the old key alone does not open a new link
        assertThat(links.verify(signedAfter, "preferences", now)).isEmpty();
        assertThat(rotated.verify(mailedBefore, "unsubscribe", now)).isEmpty();
    }

    @Test
    void changingTheSubjectOrExpiryBreaksTheSignature() {
        String token = links.sign(subscriber, "confirm", now.plusSeconds(60));
        String other = links.sign(UUID.randomUUID(), "confirm", now.plusSeconds(60));
        String spliced = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(links.verify(spliced, "confirm", now)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "abc.def", "%%%.###", "<script>alert(1)</script>", "' or 1=1 --",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "ünïcødé.ünïcødé"})
    void malformedTokensVerifyToNothing(String token) {
        assertThat(links.verify(token, "confirm", now)).isEmpty();
        assertThat(links.verify(token.repeat(50), "confirm", now)).isEmpty();
    }
}
