package org.chorus.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chorus.notifications.privacy.MaskedEmail;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionRulesTest {

    @ParameterizedTest
    @CsvSource({"ana@example.org, a***@e***.org", "x@mail.example.co.uk, x***@m***.uk", "Ana.Núñez@Example.org, A***@E***.org",
            "nobody, ***", "@example.org, ***"})
    void addressesAreShownMaskedToTheirFirstLettersAndTopLevelDomain(String email, String masked) {
        assertThat(MaskedEmail.of(email)).isEqualTo(masked);
    }

    @Test
    void topicsAreDeduplicatedAndTheZipKeptOnlyForHelpNearMe() {
        Settings settings = Topic.settings("en", List.of("anniversary", "help-near-me", "anniversary"), " 10001 ");

        assertThat(settings.topics()).containsExactly("anniversary", "help-near-me");
        assertThat(settings.zip()).isEqualTo("10001");
        assertThat(Topic.settings("en", List.of("anniversary"), "  ").zip()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456", "1234a", "١٢٣٤٥", "12 45"})
    void zipMustBeFiveAsciiDigits(String zip) {
        assertThatThrownBy(() -> Topic.settings("en", List.of("help-near-me"), zip))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("zip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.org", " ana@example.org ", "o'brien+chorus@mail.example.co.uk", "A.B@Example.ORG"})
    void ordinaryAddressesAreAccepted(String email) {
        assertThat(email).matches(Topic.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ana", "ana@localhost", "ana@example.org\r\nBcc: eve@example.org", "ana@exämple.org",
            "ana\u202e@example.org", "<ana>@example.org", "ana@-example.org", "ana@example..org", "a b@example.org"})
    void addressesThatCouldHurtOrCannotBeMailedAreRefused(String email) {
        assertThat(email).doesNotMatch(Topic.EMAIL);
    }
}
