package org.chorus.notifications.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailVaultTest {

    private final EmailVault vault = new EmailVault(PrivacyFixtures.properties());

    @Test
    void sealedAddressOpensToTheSameAddressAndHoldsNoPlainText() {
        SealedEmail sealed = vault.seal("  Ana.Núñez@example.org ");

        assertThat(sealed.keyId()).isEqualTo("new");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("example.org");
        assertThat(vault.open(sealed.keyId(), sealed.ciphertext())).isEqualTo("Ana.Núñez@example.org");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertextButTheSameBlindIndex() {
        SealedEmail first = vault.seal("ana@example.org");
        SealedEmail second = vault.seal("ANA@Example.org ");

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.blindIndex()).isEqualTo(second.blindIndex());
        assertThat(vault.blindIndex("ana@example.org")).isNotEqualTo(vault.blindIndex("ana@example.com"));
    }

    @Test
    void addressSealedUnderAnOlderKeyStillOpensAfterRotation() {
        PrivacyProperties p = PrivacyFixtures.properties();
        EmailVault before = new EmailVault(new PrivacyProperties(p.emailKeys(), "old", p.blindIndexKey(), p.linkKey()));
        SealedEmail sealed = before.seal("ana@example.org");

        assertThat(vault.open("old", sealed.ciphertext())).isEqualTo("ana@example.org");
    }

    @Test
    void tamperedCiphertextDoesNotOpen() {
        SealedEmail sealed = vault.seal("ana@example.org");
        sealed.ciphertext()[sealed.ciphertext().length - 1] ^= 1;

        assertThatThrownBy(() -> vault.open("new", sealed.ciphertext())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysThatAreNotThirtyTwoBytesOfBase64AreRefusedWithoutEchoingThem() {
        PrivacyProperties p = PrivacyFixtures.properties();
        assertThatThrownBy(() -> new PrivacyProperties(Map.of("k", "c2hvcnQ="), "k", p.blindIndexKey(), p.linkKey()))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> new PrivacyProperties(p.emailKeys(), "new", "not base64!", p.linkKey()))
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new PrivacyProperties(p.emailKeys(), "missing", p.blindIndexKey(), p.linkKey()))
                .hasMessageContaining("active-email-key-id");
    }
}
