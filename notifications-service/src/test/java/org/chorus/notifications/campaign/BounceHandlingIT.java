package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chorus.notifications.BounceMailboxServer;
import org.chorus.notifications.mail.BounceMailbox;
import org.chorus.notifications.mail.BounceMailbox.Outcome;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.mail.Reports;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Bounces and complaints that come back for campaign mail, read from a real IMAP mailbox (GreenMail) as receiving mail
 * systems send them: a hard bounce marks the delivery bounced and suppresses the address, soft bounces suppress it at
 * the limit, a complaint unsubscribes at once, the same report read twice counts once, and reports that match no mail
 * we sent (forged, for another address, made up, not a report, too large) change nothing and leave the mailbox.
 * On the old code nothing read the mailbox: every report stayed and no delivery or subscriber changed.
 */
@CampaignIntegrationTest
class BounceHandlingIT {

    @Autowired
    Campaigns campaigns;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    SendRateCap cap;

    @Autowired
    BounceMailbox mailbox;

    CampaignFixtures fixtures;

    @BeforeEach
    void emptyMailboxAndAudience() throws Exception {
        fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
        cap.set(null, null).block();
        mailbox.readOnce();
        assertThat(BounceMailboxServer.waiting()).isZero();
    }

    @Test
    void aHardBounceMarksTheDeliveryBouncedSuppressesTheAddressAndNoLaterCampaignMailsIt() throws Exception {
        String email = address("gone");
        Sent sent = sendOneCampaignTo(email);

        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", sent.messageId()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));

        assertThat(deliveryState(sent)).isEqualTo("bounced");
        assertThat(lastError(sent)).isEqualTo("bounced after delivery: 5.1.1");
        assertThat(suppression(sent.subscriber())).isEqualTo("hard-bounce");
        assertThat(BounceMailboxServer.waiting()).isZero();

        UUID next = campaigns.create(CampaignFixtures.content("Next")).block().id();
        campaigns.sendNow(next).block();
        awaitCompleted(next);
        assertThat(CampaignFixtures.mailsTo(email)).hasSize(1);
    }

    @Test
    void theSameReportReadTwiceCountsOnceAndSoftBouncesSuppressOnlyAtTheLimit() throws Exception {
        String email = address("full");
        Sent first = sendOneCampaignTo(email);
        String soft = Reports.dsn(email, "failed", "4.2.2", first.messageId());

        BounceMailboxServer.deliver(soft);
        BounceMailboxServer.deliver(soft);
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L, Outcome.REPEATED, 1L));
        assertThat(softBounces(first.subscriber())).isEqualTo(1);
        assertThat(suppression(first.subscriber())).isNull();
        assertThat(deliveryState(first)).isEqualTo("sent");

        // two more campaigns, two more soft bounces: the third reaches the limit (3)
        for (int i = 0; i < 2; i++) {
            UUID campaign = campaigns.create(CampaignFixtures.content("Again " + i)).block().id();
            campaigns.sendNow(campaign).block();
            awaitCompleted(campaign);
            String messageId = MailReference.of('c', campaign, first.subscriber()).messageId("chorus.invalid");
            BounceMailboxServer.deliver(Reports.dsn(email, "failed", "4.4.7", messageId));
            mailbox.readOnce();
        }
        assertThat(softBounces(first.subscriber())).isEqualTo(3);
        assertThat(suppression(first.subscriber())).isEqualTo("soft-bounces");
    }

    @Test
    void aComplaintUnsubscribesAtOnceAndIsRecordedAsSuch() throws Exception {
        String email = address("annoyed");
        Sent sent = sendOneCampaignTo(email);

        // the provider redacted the recipient: the Message-ID alone names the mail
        BounceMailboxServer.deliver(Reports.arf("abuse", null, sent.messageId()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));

        assertThat(status(sent.subscriber())).isEqualTo("unsubscribed");
        assertThat(db.sql("""
                        select wording_version from subscription_consent
                        where subscriber_id = :id and action = 'unsubscribed'""")
                .bind("id", sent.subscriber()).map(row -> row.get(0, String.class)).one().block())
                .isEqualTo("abuse-report-rfc5965");
        assertThat(db.sql("""
                        select complained_at is not null from campaign_delivery
                        where campaign_id = :c and subscriber_id = :s""")
                .bind("c", sent.campaign()).bind("s", sent.subscriber()).map(row -> row.get(0, Boolean.class))
                .one().block()).isTrue();
    }

    @Test
    void reportsThatMatchNoMailWeSentChangeNothingAndLeaveTheMailbox() throws Exception {
        String email = address("kept");
        Sent sent = sendOneCampaignTo(email);
        String madeUp = MailReference.of('c', UUID.randomUUID(), UUID.randomUUID()).messageId("chorus.invalid");
        String otherSubscribersMail = MailReference.of('c', sent.campaign(), UUID.randomUUID()).messageId("chorus.invalid");

        // our real Message-ID, but a bounce for an address we never sent it to
        BounceMailboxServer.deliver(Reports.dsn("victim@example.org", "failed", "5.1.1", sent.messageId()));
        // the right address, but a reference we never made, or one of a mail that does not exist
        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", madeUp));
        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", otherSubscribersMail));
        // a complaint naming someone else
        BounceMailboxServer.deliver(Reports.arf("abuse", "victim@example.org", sent.messageId()));
        // an auto-reply, and something far larger than any report
        BounceMailboxServer.deliver("From: a@example.org\r\nTo: " + BounceMailboxServer.ADDRESS
                + "\r\nSubject: Out of office\r\nMessage-ID: " + sent.messageId() + "\r\n\r\nAway until Monday.\r\n");
        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", sent.messageId())
                .replace("This is the mail system.", "x".repeat(1_100_000)));

        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.UNMATCHED, 4L, Outcome.NOT_A_REPORT, 1L,
                Outcome.TOO_LARGE, 1L));
        assertThat(BounceMailboxServer.waiting()).isZero();
        assertThat(deliveryState(sent)).isEqualTo("sent");
        assertThat(status(sent.subscriber())).isEqualTo("confirmed");
        assertThat(suppression(sent.subscriber())).isNull();

        // nothing of the forgeries was remembered: the real bounce still counts
        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", sent.messageId()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));
        assertThat(deliveryState(sent)).isEqualTo("bounced");
    }

    private Sent sendOneCampaignTo(String email) throws Exception {
        UUID subscriber = fixtures.subscriber(email, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("Ten years")).block().id();
        campaigns.sendNow(campaign).block();
        awaitCompleted(campaign);
        String messageId = CampaignFixtures.mailsTo(email).get(0).getMessageID();
        return new Sent(campaign, subscriber, messageId);
    }

    private void awaitCompleted(UUID campaign) {
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));
    }

    private String deliveryState(Sent sent) {
        return db.sql("select state from campaign_delivery where campaign_id = :c and subscriber_id = :s")
                .bind("c", sent.campaign()).bind("s", sent.subscriber()).map(row -> row.get(0, String.class))
                .one().block();
    }

    private String lastError(Sent sent) {
        return db.sql("select last_error from campaign_delivery where campaign_id = :c and subscriber_id = :s")
                .bind("c", sent.campaign()).bind("s", sent.subscriber()).map(row -> row.get(0, String.class))
                .one().block();
    }

    private String suppression(UUID subscriber) {
        return db.sql("select suppressed_reason from subscriber where id = :id").bind("id", subscriber)
                .map(row -> Optional.ofNullable(row.get(0, String.class))).one().block().orElse(null);
    }

    private int softBounces(UUID subscriber) {
        return db.sql("select soft_bounces from subscriber where id = :id").bind("id", subscriber)
                .map(row -> row.get(0, Integer.class)).one().block();
    }

    private String status(UUID subscriber) {
        return db.sql("select status from subscriber where id = :id").bind("id", subscriber)
                .map(row -> row.get(0, String.class)).one().block();
    }

    private static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }

    private record Sent(UUID campaign, UUID subscriber, String messageId) {
    }
}
