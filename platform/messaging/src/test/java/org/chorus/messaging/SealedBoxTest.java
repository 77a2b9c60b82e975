package org.chorus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryContactSealed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SealedBoxTest {

    /** notifications-service's development key (its application-development.yml), public like every development key. */
    private static final String NOTIFICATIONS_DEVELOPMENT_KEY =
            "MC4CAQAwBQYDK2VuBCIEIDO5C34Z70AhAQtk83mSSfm19si+Pn01Op9l8xWTL23S";

    private final KeyPair recipient = pair();

    @Test
    void onlyTheRecipientsPrivateKeyOpensWhatWasSealedForIt() throws Exception {
        byte[] sealed = SealedBox.seal(recipient.getPublic(), "author@example.org", "story-1");

        assertThat(SealedBox.open(recipient.getPrivate(), sealed, "story-1")).isEqualTo("author@example.org");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("author@example.org");
        assertThatThrownBy(() -> SealedBox.open(pair().getPrivate(), sealed, "story-1"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aValueSealedForOneContextDoesNotOpenInAnother() {
        byte[] sealed = SealedBox.seal(recipient.getPublic(), "author@example.org", "story-1");

        assertThatThrownBy(() -> SealedBox.open(recipient.getPrivate(), sealed, "story-2"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void sealingTwiceGivesUnrelatedBytes() {
        assertThat(SealedBox.seal(recipient.getPublic(), "same", "c"))
                .isNotEqualTo(SealedBox.seal(recipient.getPublic(), "same", "c"));
    }

    @Test
    void keysReadFromConfigurationOpenWhatTheyShould() throws Exception {
        String publicKey = Base64.getEncoder().encodeToString(recipient.getPublic().getEncoded());
        String privateKey = Base64.getEncoder().encodeToString(recipient.getPrivate().getEncoded());

        byte[] sealed = SealedBox.seal(SealedBox.publicKey(publicKey), "x", "c");

        assertThat(SealedBox.open(SealedBox.privateKey(privateKey), sealed, "c")).isEqualTo("x");
        assertThatThrownBy(() -> SealedBox.publicKey("not a key")).hasMessageNotContaining("not a key");
    }

    @Test
    void truncatedOrTamperedBytesDoNotOpen() {
        byte[] sealed = SealedBox.seal(recipient.getPublic(), "author@example.org", "c");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> SealedBox.open(recipient.getPrivate(), sealed, "c"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SealedBox.open(recipient.getPrivate(), new byte[10], "c"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theGoldenSealedContactOpensWithNotificationsDevelopmentKey() throws Exception {
        StoryContactSealed golden;
        try (InputStream in = IntegrationEvent.class.getResourceAsStream("golden/StoryContactSealed.json")) {
            golden = JsonMapper.builder().build().readValue(in, StoryContactSealed.class);
        }

        assertThat(SealedBox.open(SealedBox.privateKey(NOTIFICATIONS_DEVELOPMENT_KEY),
                Base64.getDecoder().decode(golden.sealedEmail()), StoryContactSealed.context(golden.storyId())))
                .isEqualTo("author@example.org");
    }

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
