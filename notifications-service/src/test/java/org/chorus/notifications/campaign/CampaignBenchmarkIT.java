package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.mail.SmtpSink;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.chorus.testsupport.BenchmarkReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a timed test: a measurement, run only with {@code -Dchorus.benchmark=true}. Sends one campaign to 100,000
 * confirmed subscribers over real SMTP into {@link SmtpSink} with the cap off and reports mails per second, then one
 * to 4,000 subscribers under a 200/s cap and reports the rate it held and its busiest second. Every mail is also
 * counted: exactly one per subscriber, or the run fails.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
@NotificationsIntegrationTest
@Import(SinkMailConfiguration.class)
@DirtiesContext
@TestPropertySource(properties = {
        "chorus.test.database=notifications_campaign_benchmark",
        "chorus.campaigns.dispatch-group=notifications-dispatch-benchmark",
        "chorus.campaigns.senders=${chorus.benchmark.senders:4}",
        "chorus.campaigns.loop-interval=200ms",
        "logging.level.org.chorus.notifications.campaign=warn"})
class CampaignBenchmarkIT {

    private static final int AUDIENCE = Integer.getInteger("chorus.benchmark.subscribers", 100_000);
    private static final int CAPPED_AUDIENCE = 4_000;
    private static final int CAP = 200;

    @Autowired
    Campaigns campaigns;

    @Autowired
    SendRateCap cap;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    Environment environment;

    @Test
    void campaignToAHundredThousandSubscribers() throws Exception {
        CampaignFixtures fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
        Instant seeding = Instant.now();
        insertSubscribers(AUDIENCE, "anniversary");
        insertSubscribers(CAPPED_AUDIENCE, "help-near-me");
        Duration seeded = Duration.between(seeding, Instant.now());
        SmtpSink sink = SinkMailConfiguration.SINK;

        cap.set(null, null).block();
        sink.forget();
        UUID uncapped = campaigns.create(CampaignFixtures.content("Benchmark, no cap")).block().id();
        Instant start = Instant.now();
        campaigns.sendNow(uncapped).block();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(fixtures.status(uncapped)));
        Duration total = Duration.between(start, Instant.now());
        List<Long> uncappedTimes = sink.acceptedAt();
        assertThat(fixtures.inState(uncapped, "sent")).isEqualTo(AUDIENCE);
        assertThat(uncappedTimes).hasSize(AUDIENCE);
        double sendingRate = rate(uncappedTimes);
        double overallRate = AUDIENCE / (total.toMillis() / 1000.0);

        cap.set(CAP, null).block();
        sink.forget();
        CampaignContent helpNearMe = new CampaignContent("help-near-me", List.of("en", "es"),
                CampaignFixtures.content("Benchmark, capped").variants());
        UUID capped = campaigns.create(helpNearMe).block().id();
        campaigns.sendNow(capped).block();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(fixtures.status(capped)));
        List<Long> cappedTimes = sink.acceptedAt();
        assertThat(cappedTimes).hasSize(CAPPED_AUDIENCE);
        double cappedRate = rate(cappedTimes);
        int busiestSecond = maxInAnySecond(cappedTimes);
        cap.set(null, null).block();

        String report = String.format(Locale.ROOT, """
                        campaign benchmark (notifications-service, real SMTP into an in-process sink)
                          seeded %,d + %,d subscribers in %.1f s
                          cap off: %,d mails, %.0f mails/s while sending (first to last mail), %.0f mails/s overall \
                        (send-now to completed, incl. copying the audience: %.1f s); exactly one mail per subscriber
                          cap %d/s: %,d mails at %.1f mails/s (%.1f %% of the cap); busiest one-second window %d mails
                          senders per instance: %s; load average (1, 5, 15 min) after the run: %s
                        """, AUDIENCE, CAPPED_AUDIENCE, seeded.toMillis() / 1000.0, AUDIENCE, sendingRate, overallRate,
                total.toMillis() / 1000.0, CAP, CAPPED_AUDIENCE, cappedRate, 100 * cappedRate / CAP, busiestSecond,
                environment.getProperty("chorus.campaigns.senders"), BenchmarkReport.loadAverage());
        System.out.println(report);
        Files.writeString(Path.of("target", "campaign-benchmark.txt"), report);
        BenchmarkReport.add("campaign", List.of(
                BenchmarkReport.Figure.of("mails/s while sending, cap off", sendingRate, "mails/s"),
                BenchmarkReport.Figure.of("mails/s from send-now to completed, cap off", overallRate, "mails/s"),
                BenchmarkReport.Figure.of("mails/s held under a cap of " + CAP + "/s", cappedRate, "mails/s"),
                BenchmarkReport.Figure.atMost("busiest second under a cap of " + CAP + "/s", busiestSecond, "mails",
                        CAP + CAP / 20)), List.of(
                "a campaign to %,d confirmed subscribers over real SMTP into an in-process sink, then one to %,d under "
                        .formatted(AUDIENCE, CAPPED_AUDIENCE) + "the cap",
                "notifications-service in the test JVM with %s senders; exactly one mail per subscriber or the run fails"
                        .formatted(environment.getProperty("chorus.campaigns.senders"))));
        assertThat(busiestSecond).isLessThanOrEqualTo(CAP + CAP / 20);
    }

    private void insertSubscribers(int count, String topic) throws SQLException {
        String url = environment.getRequiredProperty("spring.flyway.url");
        try (Connection connection = DriverManager.getConnection(url, environment.getProperty("spring.flyway.user"),
                environment.getProperty("spring.flyway.password"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into subscriber (id, email_key_id, email_ciphertext, email_blind_index, language, topics,
                                            status, confirmed_at)
                    values (?, ?, ?, ?, ?, array[?], 'confirmed', now())""")) {
                for (int i = 0; i < count; i++) {
                    SealedEmail sealed = vault.seal("bench-" + topic + "-" + i + "@example.org");
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, sealed.keyId());
                    insert.setBytes(3, sealed.ciphertext());
                    insert.setBytes(4, sealed.blindIndex());
                    insert.setString(5, i % 5 == 0 ? "es" : "en");
                    insert.setString(6, topic);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /** Mails per second between the first and the last accepted mail. */
    private static double rate(List<Long> nanos) {
        long first = nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = nanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        return (nanos.size() - 1) / ((last - first) / 1e9);
    }

    private static int maxInAnySecond(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.length; end++) {
            while (sorted[end] - sorted[start] >= 1_000_000_000L) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
