package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;

/** The global cap lives in PostgreSQL, so it holds for every sender of every instance at once. */
@CampaignIntegrationTest
class SendRateCapIT {

    @Autowired
    SendRateCap cap;

    @Autowired
    Campaigns campaigns;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    CampaignFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
    }

    @AfterEach
    void noCap() {
        cap.set(null, null).block();
    }

    @Test
    void withNoCapEveryTokenAskedForIsGranted() {
        cap.set(null, null).block();

        assertThat(cap.take(1000).block()).isEqualTo(1000);
    }

    @Test
    void perSecondCapGrantsASmallBurstThenRefillsAtTheRateLessTheBurst() {
        cap.set(100, null).block();

        assertThat(cap.take(1000).block()).isLessThanOrEqualTo(5);
        sleep(Duration.ofMillis(500));
        // 0.5 s at 95/s, never more than the 5-token burst the bucket holds
        assertThat(cap.take(1000).block()).isBetween(1, 5);
    }

    @Test
    void perHourCapHoldsEvenWhenThePerSecondCapWouldAllowMore() {
        cap.set(1000, 3600).block();
        sleep(Duration.ofMillis(1100));

        // about one token a second: the hourly bucket, not the per-second one, decides
        assertThat(cap.take(1000).block()).isBetween(0, 2);
    }

    @Test
    void concurrentTakersTogetherNeverGetMoreThanTheCap() {
        Instant before = Instant.now();
        cap.set(50, null).block();
        AtomicInteger granted = new AtomicInteger();
        Instant end = before.plusSeconds(2);

        List<CompletableFuture<Void>> takers = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    while (Instant.now().isBefore(end)) {
                        granted.addAndGet(cap.take(3).block());
                    }
                })).toList();
        takers.forEach(CompletableFuture::join);
        double seconds = Duration.between(before, Instant.now()).toMillis() / 1000.0;

        // the bucket refills at 50 - 2.5 a second and holds at most the 2.5-token burst, whatever the takers race
        assertThat(granted.get()).isLessThanOrEqualTo((int) Math.floor(2.5 + 47.5 * seconds))
                .isGreaterThanOrEqualTo((int) (0.6 * 47.5 * 2));
    }

    @Test
    void campaignUnderACapIsSentNoFasterThanTheCapInAnySecond() {
        fixtures.subscribers("capped", 60, "en");
        cap.set(20, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Capped")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));

        List<Instant> sentAt = db.sql("select sent_at from campaign_delivery where campaign_id = :id order by sent_at")
                .bind("id", campaign).map(row -> row.get(0, Instant.class)).all().collectList().block();
        assertThat(sentAt).hasSize(60);
        assertThat(Duration.between(sentAt.get(0), sentAt.get(59))).isGreaterThan(Duration.ofMillis(2500));
        assertThat(maxInAnySecond(sentAt)).isLessThanOrEqualTo(21);
    }

    @Test
    void aSenderThatFindsTheCapSpentWaitsAndTheWaitIsMeasured() {
        fixtures.subscribers("waiting", 8, "en");
        Timer waits = meters.get("chorus.campaign.rate.cap.wait").tag("outcome", "granted").timer();
        long waitsBefore = waits.count();
        double waitedBefore = waits.totalTime(TimeUnit.SECONDS);
        // a token every 250 ms or so, far slower than SMTP: the senders find the bucket empty and wait
        cap.set(4, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Waiting")).block().id();

        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));

        // chorus_campaign_rate_cap_wait_seconds: how often and how long
        assertThat(waits.count()).isGreaterThan(waitsBefore);
        assertThat(waits.totalTime(TimeUnit.SECONDS) - waitedBefore).isPositive();
    }

    /** The largest number of sends that fall within one second of each other (a sliding window). */
    static int maxInAnySecond(List<Instant> sorted) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (Duration.between(sorted.get(start), sorted.get(end)).compareTo(Duration.ofSeconds(1)) >= 0) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
