package org.chorus.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.PrivacyFixtures;
import org.chorus.notifications.privacy.SignedLinks;
import org.junit.jupiter.api.Test;

class MailLinksTest {

    private final Instant now = Instant.parse("2027-10-15T13:00:00Z");
    private final SignedLinks signed = new SignedLinks(PrivacyFixtures.properties());
    private final SubscriptionProperties subscriptions =
            new SubscriptionProperties(Duration.ofHours(48), Duration.ofMinutes(10), Duration.ofDays(400),
                    Duration.ofMinutes(10), Duration.ofHours(1), 3);
    private final MailLinks links = new MailLinks(signed,
            new MailLinkProperties(URI.create("https://chorus.example/"), "unsubscribe@chorus.example"),
            subscriptions, Clock.fixed(now, ZoneOffset.UTC));
    private final UUID subscriber = UUID.randomUUID();

    @Test
    void listUnsubscribeHeadersAreTheRfc8058PairWithTheOneClickUrlFirstAndAMailto() {
        Map<String, String> headers = links.listUnsubscribeHeaders(subscriber);

        assertThat(headers.keySet()).containsExactly("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(headers.get("List-Unsubscribe")).matches(
                "<https://chorus\\.example/api/subscriptions/unsubscribe\\?token=[A-Za-z0-9_.-]+>, "
                        + "<mailto:unsubscribe@chorus\\.example\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>");
        assertThat(headers.get("List-Unsubscribe")).startsWith("<" + links.oneClickUnsubscribeUrl(subscriber) + ">");
    }

    @Test
    void eachLinkOpensOnlyItsOwnPurposeAndTheAddressIsNeverInIt() {
        String preferences = token(links.preferencesUrl(subscriber));
        String unsubscribe = token(links.oneClickUnsubscribeUrl(subscriber));
        String confirm = token(links.confirmUrl(subscriber));

        assertThat(signed.verify(preferences, MailLinks.PREFERENCES, now)).contains(subscriber);
        assertThat(signed.verify(unsubscribe, MailLinks.UNSUBSCRIBE, now)).contains(subscriber);
        assertThat(signed.verify(confirm, MailLinks.CONFIRM, now)).contains(subscriber);
        assertThat(signed.verify(preferences, MailLinks.UNSUBSCRIBE, now)).isEmpty();
        assertThat(signed.verify(unsubscribe, MailLinks.PREFERENCES, now)).isEmpty();
        assertThat(signed.verify(confirm, MailLinks.PREFERENCES, now)).isEmpty();
    }

    @Test
    void confirmationLinksLastAsLongAsTheSignUpAndMailLinksForMonths() {
        String confirm = token(links.confirmUrl(subscriber));
        String preferences = token(links.preferencesUrl(subscriber));

        assertThat(signed.verify(confirm, MailLinks.CONFIRM, now.plus(Duration.ofHours(47)))).isPresent();
        assertThat(signed.verify(confirm, MailLinks.CONFIRM, now.plus(Duration.ofHours(48)))).isEmpty();
        assertThat(signed.verify(preferences, MailLinks.PREFERENCES, now.plus(Duration.ofDays(399)))).isPresent();
    }

    private static String token(String url) {
        return url.substring(url.indexOf("?token=") + "?token=".length());
    }
}
