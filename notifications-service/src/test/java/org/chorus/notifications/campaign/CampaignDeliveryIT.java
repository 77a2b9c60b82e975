package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.chorus.contracts.CampaignRecipientsQueued;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.mail.DkimVerification;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Campaign delivery on real PostgreSQL, Kafka and SMTP: each subscriber gets exactly one mail, whatever happens. */
@CampaignIntegrationTest
class CampaignDeliveryIT {

    @Autowired
    Campaigns campaigns;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    SendRateCap cap;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    DeliveryLoop loop;

    @Autowired
    JsonMapper json;

    CampaignFixtures fixtures;

    @BeforeEach
    void freshAudience() {
        fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
        cap.set(null, null).block();
    }

    @Test
    void repeatedAndRacingDispatchMessagesStillSendEachSubscriberExactlyOneMail() {
        List<String> emails = fixtures.subscribers("race", 60, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("Exactly once")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() ->
                fixtures.count("select count(*) from campaign_delivery where campaign_id = :id", campaign) == 60);
        List<UUID> ids = db.sql("select subscriber_id from campaign_delivery where campaign_id = :id")
                .bind("id", campaign).map(row -> row.get(0, UUID.class)).all().collectList().block();
        List<UUID> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        // the same work arrives again on Kafka and twice more straight into workers, all at once
        publish(new CampaignRecipientsQueued(UUID.randomUUID(), Instant.now(), campaign, ids));
        publish(new CampaignRecipientsQueued(UUID.randomUUID(), Instant.now(), campaign, reversed));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> worker.deliver(campaign, ids).block());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> worker.deliver(campaign, reversed).block());
        CompletableFuture.allOf(first, second).join();

        awaitCompleted(campaign);
        settle();
        emails.forEach(email -> assertThat(CampaignFixtures.mailsTo(email)).as(email).hasSize(1));
        assertThat(fixtures.inState(campaign, "sent")).isEqualTo(60);
    }

    @Test
    void rowsOfAWorkerThatDiedAreSentOnceAfterTheirLeaseRunsOutAndSentRowsAreNotSentAgain() {
        String crashed = "crashed-" + UUID.randomUUID() + "@example.org";
        String alreadySent = "sent-" + UUID.randomUUID() + "@example.org";
        String neverDispatched = "queued-" + UUID.randomUUID() + "@example.org";
        UUID crashedId = fixtures.subscriber(crashed, "en");
        UUID sentId = fixtures.subscriber(alreadySent, "en");
        UUID queuedId = fixtures.subscriber(neverDispatched, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("After a crash")).block().id();
        // the state an instance leaves when it dies mid-campaign: one row claimed (lease now expired), one sent,
        // one queued whose dispatch message was lost with it
        db.sql("update campaign set status = 'sending', started_at = now(), audience_complete = true where id = :id")
                .bind("id", campaign).then().block();
        ledgerRow(campaign, crashedId, "sending", "now() - interval '1 minute'", 1);
        ledgerRow(campaign, sentId, "sent", "null", 1);
        ledgerRow(campaign, queuedId, "queued", "null", 0);

        awaitCompleted(campaign);
        settle();
        assertThat(CampaignFixtures.mailsTo(crashed)).hasSize(1);
        assertThat(CampaignFixtures.mailsTo(neverDispatched)).hasSize(1);
        assertThat(CampaignFixtures.mailsTo(alreadySent)).isEmpty();
        assertThat(fixtures.inState(campaign, "sent")).isEqualTo(3);
    }

    @Test
    void sendersStoppedMidCampaignAndStartedAgainFinishItWithExactlyOneMailEach() {
        List<String> emails = fixtures.subscribers("restart", 60, "en");
        cap.set(30, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Across a restart")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> fixtures.inState(campaign, "sent") >= 10);
        // what a graceful shutdown does, in its order: workers hand back, then consumers and housekeeping stop
        worker.stop();
        listeners.getListenerContainer("campaign-dispatch").stop();
        loop.stop();
        long sentWhileStopped = fixtures.inState(campaign, "sent");
        assertThat(sentWhileStopped).isLessThan(60);
        cap.set(null, null).block();
        worker.start();
        loop.start();
        listeners.getListenerContainer("campaign-dispatch").start();

        awaitCompleted(campaign);
        settle();
        emails.forEach(email -> assertThat(CampaignFixtures.mailsTo(email)).as(email).hasSize(1));
    }

    @Test
    void pausedCampaignStopsSendingAndResumedCampaignFinishesWithoutRepeats() {
        List<String> emails = fixtures.subscribers("pause", 40, "en");
        cap.set(20, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Pause me")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> fixtures.inState(campaign, "sent") >= 5);
        campaigns.pause(campaign).block();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long sentWhenPaused = fixtures.inState(campaign, "sent");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(fixtures.inState(campaign, "sent")).isEqualTo(sentWhenPaused).isLessThan(40);
        assertThat(fixtures.status(campaign)).isEqualTo("paused");

        cap.set(null, null).block();
        campaigns.resume(campaign).block();
        awaitCompleted(campaign);
        settle();
        emails.forEach(email -> assertThat(CampaignFixtures.mailsTo(email)).as(email).hasSize(1));
    }

    @Test
    void cancelledCampaignSendsNothingMoreAndRecordsTheRestAsCancelled() {
        List<String> emails = fixtures.subscribers("cancel", 40, "en");
        cap.set(20, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Cancel me")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> fixtures.inState(campaign, "sent") >= 5);
        campaigns.cancel(campaign).block();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long sent = fixtures.inState(campaign, "sent");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(fixtures.inState(campaign, "sent")).isEqualTo(sent).isLessThan(40);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                fixtures.inState(campaign, "cancelled") + fixtures.inState(campaign, "sent") == 40);
        assertThat(emails.stream().mapToInt(email -> CampaignFixtures.mailsTo(email).size()).sum()).isEqualTo(sent);
    }

    @Test
    void subscribersWhoLeftSinceTheyWereQueuedAreSkippedNotMailed() {
        String stays = "stays-" + UUID.randomUUID() + "@example.org";
        String unsubscribed = "left-" + UUID.randomUUID() + "@example.org";
        String paused = "paused-" + UUID.randomUUID() + "@example.org";
        String erased = "erased-" + UUID.randomUUID() + "@example.org";
        String changedTopics = "topics-" + UUID.randomUUID() + "@example.org";
        List<UUID> ids = List.of(fixtures.subscriber(stays, "en"), fixtures.subscriber(unsubscribed, "en"),
                fixtures.subscriber(paused, "en"), fixtures.subscriber(erased, "en"),
                fixtures.subscriber(changedTopics, "en"));
        UUID campaign = campaigns.create(CampaignFixtures.content("Only to who still wants it")).block().id();
        // queued while everyone wanted it, then paused
        db.sql("update campaign set status = 'paused', started_at = now(), audience_complete = true where id = :id")
                .bind("id", campaign).then().block();
        ids.forEach(id -> ledgerRow(campaign, id, "queued", "null", 0));
        db.sql("update subscriber set status = 'unsubscribed' where id = :id").bind("id", ids.get(1)).then().block();
        db.sql("update subscriber set paused_until = current_date + 30 where id = :id").bind("id", ids.get(2)).then().block();
        db.sql("delete from subscriber where id = :id").bind("id", ids.get(3)).then().block();
        db.sql("update subscriber set topics = array['help-near-me'], help_zip = '10001' where id = :id")
                .bind("id", ids.get(4)).then().block();

        campaigns.resume(campaign).block();
        awaitCompleted(campaign);
        settle();

        assertThat(CampaignFixtures.mailsTo(stays)).hasSize(1);
        List.of(unsubscribed, paused, erased, changedTopics)
                .forEach(email -> assertThat(CampaignFixtures.mailsTo(email)).as(email).isEmpty());
        assertThat(fixtures.inState(campaign, "skipped-unsubscribed")).isEqualTo(4);
    }

    @Test
    void eachSubscriberGetsTheirLanguageAndSpanishFallsBackToEnglishWithoutAVariant() throws Exception {
        String english = "en-" + UUID.randomUUID() + "@example.org";
        String spanish = "es-" + UUID.randomUUID() + "@example.org";
        fixtures.subscriber(english, "en");
        fixtures.subscriber(spanish, "es");
        UUID bilingual = campaigns.create(CampaignFixtures.bilingual("Ten years", "Diez años")).block().id();

        campaigns.sendNow(bilingual).block();
        awaitCompleted(bilingual);
        assertThat(CampaignFixtures.mailsTo(english).get(0).getSubject()).isEqualTo("Ten years");
        MimeMessage inSpanish = CampaignFixtures.mailsTo(spanish).get(0);
        assertThat(inSpanish.getSubject()).isEqualTo("Diez años");
        assertThat(part(inSpanish, "text/plain")).startsWith("Aviso de contenido: menciones de agresión");

        UUID englishOnly = campaigns.create(CampaignFixtures.content("Only in English")).block().id();
        campaigns.sendNow(englishOnly).block();
        awaitCompleted(englishOnly);
        assertThat(CampaignFixtures.mailsTo(spanish)).extracting(MimeMessage::getSubject)
                .containsExactly("Diez años", "Only in English");
    }

    @Test
    void campaignMailIsTextAndHtmlAlternativesWithOneClickUnsubscribeAndNoTracking() throws Exception {
        String email = "headers-" + UUID.randomUUID() + "@example.org";
        UUID subscriber = fixtures.subscriber(email, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("Headers")).block().id();

        campaigns.sendNow(campaign).block();
        awaitCompleted(campaign);
        MimeMessage mail = CampaignFixtures.mailsTo(email).get(0);

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String listUnsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).matches("<https?://[^>]+/api/subscriptions/unsubscribe\\?token=[^>]+>, <mailto:[^>]+>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String token = listUnsubscribe.substring(listUnsubscribe.indexOf("token=") + 6, listUnsubscribe.indexOf('>'));
        // the subscriptions feature's own one-click token: the same endpoint answers every mail's unsubscribe
        assertThat(links.verify(token, "subscription-unsubscribe", Instant.now())).contains(subscriber);
        String html = part(mail, "text/html");
        assertThat(html).contains("/api/subscriptions/preferences?token=").contains("Unsubscribe")
                .doesNotContain("<img").doesNotContain("<script");
        assertThat(part(mail, "text/plain")).contains("/api/subscriptions/preferences?token=");
        // signed as it left (RFC 8058 section 3: both one-click headers under the DKIM signature), and its Message-ID
        // names the delivery, so a bounce or complaint about it finds its ledger row
        List<String> signed = DkimVerification.signedHeaders(new DkimVerification(dkimSelector, dkimDomain, dkimKey)
                .verify(DkimVerification.raw(mail)).get(0));
        assertThat(signed).contains("list-unsubscribe", "list-unsubscribe-post", "from", "subject", "message-id");
        assertThat(mail.getMessageID()).isEqualTo("<chorus.c." + campaign.toString().replace("-", "") + "."
                + subscriber.toString().replace("-", "") + "@chorus.invalid>");
    }

    @Value("${chorus.mail.dkim.selector}")
    String dkimSelector;

    @Value("${chorus.mail.dkim.domain}")
    String dkimDomain;

    @Value("${chorus.mail.dkim.private-key}")
    String dkimKey;

    @Autowired
    org.chorus.notifications.privacy.SignedLinks links;

    private void ledgerRow(UUID campaign, UUID subscriber, String state, String leaseUntil, int attempts) {
        db.sql("insert into campaign_delivery (campaign_id, subscriber_id, state, lease_until, attempts, sent_at) "
                        + "values (:campaign, :subscriber, :state, " + leaseUntil + ", :attempts, "
                        + ("sent".equals(state) ? "now()" : "null") + ")")
                .bind("campaign", campaign).bind("subscriber", subscriber).bind("state", state)
                .bind("attempts", attempts).then().block();
    }

    private void publish(CampaignRecipientsQueued message) {
        kafka.send(CloudEventHeaders.record(Topics.MAIL_DISPATCH, message.key(), message.eventId(),
                EventTypes.typeOf(CampaignRecipientsQueued.class), "/chorus/notifications", message.occurredAt(),
                json.writeValueAsString(message))).join();
    }

    private void awaitCompleted(UUID campaign) {
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));
    }

    /** Gives a wrongly repeated mail every chance to arrive before counting. */
    private static void settle() {
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().startsWith(type)) {
                return String.valueOf(part.getContent());
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
