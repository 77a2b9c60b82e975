package org.chorus.stories.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataKeysTest {

    private static final String OLD = randomKey();
    private static final String NEW = randomKey();

    @Test
    void sealedTextOpensWithItsDataKeyAndHoldsNoPlaintext() {
        DataKeys keys = keys("k1", Map.of("k1", OLD));
        DataKey key = keys.generate();

        byte[] sealed = key.seal("Ünïcödé story ✊🏽", "story-1/text");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("story");
        assertThat(keys.unwrap(key.masterKeyId(), key.wrapped()).open(sealed, "story-1/text")).isEqualTo("Ünïcödé story ✊🏽");
    }

    @Test
    void sealingTheSameTextTwiceGivesDifferentBytes() {
        DataKey key = keys("k1", Map.of("k1", OLD)).generate();

        assertThat(key.seal("same", "c")).isNotEqualTo(key.seal("same", "c"));
    }

    @Test
    void sealedBytesMovedToAnotherStoryOrFieldDoNotOpen() {
        DataKey key = keys("k1", Map.of("k1", OLD)).generate();
        byte[] sealed = key.seal("text", "story-1/text");

        assertThatThrownBy(() -> key.open(sealed, "story-2/text")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.open(sealed, "story-1/title")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherStorysDataKeyDoesNotOpenIt() {
        DataKeys keys = keys("k1", Map.of("k1", OLD));
        byte[] sealed = keys.generate().seal("text", "c");

        assertThatThrownBy(() -> keys.generate().open(sealed, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterRotationOldDataKeysStillOpenAndNewOnesUseTheActiveKey() {
        DataKey old = keys("k1", Map.of("k1", OLD)).generate();
        byte[] sealed = old.seal("before rotation", "c");

        DataKeys rotated = keys("k2", Map.of("k1", OLD, "k2", NEW));

        assertThat(rotated.unwrap("k1", old.wrapped()).open(sealed, "c")).isEqualTo("before rotation");
        DataKey fresh = rotated.generate();
        assertThat(fresh.masterKeyId()).isEqualTo("k2");
        // new data is wrapped under the new key only: the old key alone no longer opens it
        byte[] sealedAfter = fresh.seal("after rotation", "c");
        assertThat(rotated.unwrap("k2", fresh.wrapped()).open(sealedAfter, "c")).isEqualTo("after rotation");
        assertThatThrownBy(() -> keys("k1", Map.of("k1", OLD, "k2", OLD)).unwrap("k2", fresh.wrapped()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDataKeyDoesNotUnwrapUnderAnotherMasterKey() {
        DataKey key = keys("k1", Map.of("k1", OLD)).generate();
        DataKeys other = keys("k1", Map.of("k1", NEW));

        assertThatThrownBy(() -> other.unwrap("k1", key.wrapped())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> other.unwrap("gone", key.wrapped())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configurationWithoutAUsableActiveKeyIsRefusedWithoutShowingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new EncryptionProperties(Map.of(), "k1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EncryptionProperties(Map.of("k1", OLD), "k2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EncryptionProperties(Map.of("k1", shortKey), "k1"))
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new EncryptionProperties(Map.of("k1", "not base64!"), "k1"))
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64!");
    }

    private static DataKeys keys(String active, Map<String, String> masterKeys) {
        return new DataKeys(new EncryptionProperties(masterKeys, active));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
