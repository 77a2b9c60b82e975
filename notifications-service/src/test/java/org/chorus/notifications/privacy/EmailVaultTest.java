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
        EmailVault before = new EmailVault(new PrivacyProperties(p.emailKeys(), "old", p.blindIndexKey(), null, p.linkKey(), null));
        SealedEmail sealed = before.seal("ana@example.org");

        assertThat(vault.open("old", sealed.ciphertext())).isEqualTo("ana@example.org");
    }

    @Test
    void afterAnEmailKeyRotationOldRowsOpenAndNewOnesAreSealedUnderTheNewKey() {
        PrivacyProperties p = PrivacyFixtures.properties();
        EmailVault before = new EmailVault(new PrivacyProperties(Map.of("old", p.emailKeys().get("old")), "old",
                p.blindIndexKey(), null, p.linkKey(), null));
        SealedEmail old = before.seal("ana@example.org");

        SealedEmail fresh = vault.seal("ana@example.org");

        assertThat(old.keyId()).isEqualTo("old");
        assertThat(fresh.keyId()).isEqualTo("new");
        assertThat(vault.open(old.keyId(), old.ciphertext())).isEqualTo("ana@example.org");
        assertThat(vault.open(fresh.keyId(), fresh.ciphertext())).isEqualTo("ana@example.org");
        assertThatThrownBy(() -> before.open(fresh.keyId(), fresh.ciphertext()))
                .hasMessageContaining("No email key new");
    }

    @Test
    void afterABlindIndexKeyRotationTheIndexUnderThePreviousKeyStillFindsTheAddressButNothingNewUsesIt() {
        byte[] indexedBefore = vault.blindIndex("ana@example.org");
        EmailVault rotated = new EmailVault(PrivacyFixtures.rotated());

        assertThat(rotated.previousBlindIndex(" ANA@example.org")).hasValueSatisfying(
                previous -> assertThat(previous).isEqualTo(indexedBefore));
        assertThat(rotated.blindIndex("ana@example.org")).isNotEqualTo(indexedBefore);
        assertThat(rotated.seal("ana@example.org").blindIndex()).isNotEqualTo(indexedBefore);
        assertThat(vault.previousBlindIndex("ana@example.org")).isEmpty();
    }

    @Test
    void anIndexKeptForOnePurposeFindsTheAddressHoweverTypedButJoinsToNoOtherIndex() {
        byte[] counted = vault.blindIndex("author-mail-count", "ana@example.org");

        assertThat(vault.blindIndex("author-mail-count", "  ANA@Example.org ")).isEqualTo(counted);
        assertThat(counted).isNotEqualTo(vault.blindIndex("ana@example.org"))
                .isNotEqualTo(vault.blindIndex("another-purpose", "ana@example.org"));
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
        assertThatThrownBy(() -> new PrivacyProperties(Map.of("k", "c2hvcnQ="), "k", p.blindIndexKey(), null, p.linkKey(), null))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> new PrivacyProperties(p.emailKeys(), "new", "not base64!", null, p.linkKey(), null))
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new PrivacyProperties(p.emailKeys(), "missing", p.blindIndexKey(), null, p.linkKey(), null))
                .hasMessageContaining("active-email-key-id");
    }
}
