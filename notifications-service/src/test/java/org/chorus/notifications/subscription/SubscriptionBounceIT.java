package org.chorus.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chorus.notifications.BounceMailboxServer;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.mail.BounceMailbox;
import org.chorus.notifications.mail.BounceMailbox.Outcome;
import org.chorus.notifications.mail.Reports;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bounces and complaints about the subscription's own mail, read from the real IMAP bounce mailbox: a bounced notice
 * suppresses the address until the person confirms again, and a complaint about a confirmation mail calls the
 * sign-up off. On the old code the reports stayed in the mailbox and nothing changed.
 */
@NotificationsIntegrationTest
class SubscriptionBounceIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    BounceMailbox mailbox;

    SubscriptionApi api;

    @BeforeEach
    void emptyMailbox() throws Exception {
        api = new SubscriptionApi(http);
        mailbox.readOnce();
    }

    @Test
    void aBouncedNoticeSuppressesTheAddressUntilItConfirmsAgain() throws Exception {
        String email = "bounced-" + UUID.randomUUID() + "@example.org";
        api.confirmed(email);
        outsideResendInterval(email);
        api.subscribed(email);
        MimeMessage notice = SubscriptionApi.awaitMails(email, 2).get(1);
        assertThat(notice.getMessageID()).startsWith("<chorus.s.");

        BounceMailboxServer.deliver(Reports.dsn(email.toUpperCase(), "failed", "5.1.1", notice.getMessageID()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));
        assertThat(column(email, "suppressed_reason")).contains("hard-bounce");
        assertThat(db.sql("select count(*) from subscriber_mail where bounced_at is not null and subscriber_id = "
                        + "(select id from subscriber where email_blind_index = :index)")
                .bind("index", vault.blindIndex(email)).map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);

        // signing up again starts over with a confirmation (not "already subscribed"), and confirming lifts it
        outsideResendInterval(email);
        api.subscribed(email);
        MimeMessage confirmation = SubscriptionApi.awaitMails(email, 3).get(2);
        assertThat(column(email, "status")).contains("pending");
        http.post().uri(SubscriptionApi.link(confirmation, "confirm")).exchange().expectStatus().isOk();
        assertThat(column(email, "status")).contains("confirmed");
        assertThat(column(email, "suppressed_reason")).isEmpty();
    }

    @Test
    void aComplaintAboutAConfirmationMailCallsTheSignUpOff() throws Exception {
        String email = "never-asked-" + UUID.randomUUID() + "@example.org";
        api.subscribed(email);
        MimeMessage confirmation = SubscriptionApi.awaitMails(email, 1).get(0);

        BounceMailboxServer.deliver(Reports.arf("abuse", email, confirmation.getMessageID()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));

        assertThat(column(email, "status")).isEmpty();
    }

    @Test
    void aBounceForAnotherAddressQuotingOurMailChangesNothing() throws Exception {
        String email = "kept-" + UUID.randomUUID() + "@example.org";
        api.confirmed(email);
        MimeMessage confirmation = SubscriptionApi.awaitMails(email, 1).get(0);

        BounceMailboxServer.deliver(Reports.dsn("someone-else@example.org", "failed", "5.1.1",
                confirmation.getMessageID()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.UNMATCHED, 1L));
        assertThat(column(email, "suppressed_reason")).isEmpty();
        assertThat(column(email, "status")).contains("confirmed");
    }

    private Optional<String> column(String email, String column) {
        List<Optional<String>> values = db.sql("select " + column + " from subscriber where email_blind_index = :index")
                .bind("index", vault.blindIndex(email))
                .map(row -> Optional.ofNullable(row.get(0, String.class))).all().collectList().block();
        return values.isEmpty() ? Optional.empty() : values.get(0);
    }

    private void outsideResendInterval(String email) {
        db.sql("""
                        update subscriber_mail set queued_at = queued_at - interval '1 hour'
                        where subscriber_id = (select id from subscriber where email_blind_index = :index)""")
                .bind("index", vault.blindIndex(email)).then().block();
    }
}
