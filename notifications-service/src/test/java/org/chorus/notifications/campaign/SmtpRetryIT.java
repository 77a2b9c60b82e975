package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Temporary SMTP refusals are retried with backoff; permanent ones are recorded once, with the reason. */
@NotificationsIntegrationTest
@Import(SinkMailConfiguration.class)
@DirtiesContext
@TestPropertySource(properties = {
        "chorus.test.database=notifications_campaign_sink",
        "chorus.campaigns.dispatch-group=notifications-dispatch-sink",
        "chorus.campaigns.retry-backoff=300ms",
        "chorus.campaigns.max-attempts=3",
        "chorus.campaigns.loop-interval=200ms"})
class SmtpRetryIT {

    @Autowired
    Campaigns campaigns;

    @Autowired
    DeliveryReport report;

    @Autowired
    SendRateCap cap;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    CampaignFixtures fixtures;

    @BeforeEach
    void freshAudience() {
        fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
        cap.set(null, null).block();
    }

    @Test
    void temporaryRefusalsAreRetriedUntilTheyPassAndPermanentOnesAreRecordedWithoutTheAddress() {
        String fine = "fine-" + UUID.randomUUID() + "@example.org";
        String busy = "busy-" + UUID.randomUUID() + "@example.org";
        String full = "always-busy-" + UUID.randomUUID() + "@example.org";
        String gone = "gone-" + UUID.randomUUID() + "@example.org";
        UUID busyId = fixtures.subscriber(busy, "en");
        UUID fullId = fixtures.subscriber(full, "en");
        UUID goneId = fixtures.subscriber(gone, "en");
        fixtures.subscriber(fine, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("Retries")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));

        assertThat(SinkMailConfiguration.SINK.receivedBy(fine)).hasSize(1);
        assertThat(SinkMailConfiguration.SINK.receivedBy(busy)).hasSize(1);
        assertThat(SinkMailConfiguration.SINK.offeredTimes(busy)).isEqualTo(3);
        assertThat(SinkMailConfiguration.SINK.receivedBy(gone)).isEmpty();
        assertThat(SinkMailConfiguration.SINK.offeredTimes(gone)).isEqualTo(1);
        assertThat(SinkMailConfiguration.SINK.offeredTimes(full)).isEqualTo(3);
        assertThat(row(campaign, busyId)).isEqualTo("sent|3|null");
        assertThat(row(campaign, goneId)).startsWith("bounced|1|SMTP 550").contains("[address]").doesNotContain(gone)
                .doesNotContain("gone-");
        assertThat(row(campaign, fullId)).startsWith("failed|3|SMTP 452");

        List<DeliveryReport.Missed> missed = report.missed(campaign, null, 100).collectList().block();
        assertThat(missed).extracting(DeliveryReport.Missed::subscriberId).containsExactlyInAnyOrder(goneId, fullId);
        assertThat(missed).extracting(DeliveryReport.Missed::address).containsExactlyInAnyOrder("g***@e***.org",
                "a***@e***.org");
        DeliveryReport.Progress progress = report.progress(campaign).block();
        assertThat(progress.counts()).containsEntry("sent", 2L).containsEntry("bounced", 1L)
                .containsEntry("failed", 1L).containsEntry("queued", 0L);
        assertThat(progress.total()).isEqualTo(4);
        assertThat(progress.secondsLeft()).isZero();
    }

    @Test
    void multipartMailWithUnsubscribeHeadersReachesTheWire() {
        String email = "wire-" + UUID.randomUUID() + "@example.org";
        fixtures.subscriber(email, "en");
        UUID campaign = campaigns.create(CampaignFixtures.content("On the wire")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));

        String raw = SinkMailConfiguration.SINK.receivedBy(email).get(0);
        assertThat(raw).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("List-Unsubscribe: <").contains("multipart/alternative")
                .contains("text/plain").contains("text/html");
    }

    private String row(UUID campaign, UUID subscriber) {
        return db.sql("select state, attempts, last_error from campaign_delivery where campaign_id = :c and subscriber_id = :s")
                .bind("c", campaign).bind("s", subscriber)
                .map(r -> r.get("state", String.class) + "|" + r.get("attempts", Integer.class) + "|"
                        + r.get("last_error", String.class))
                .one().block();
    }
}
