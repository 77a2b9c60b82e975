package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.KafkaCluster;
import org.chorus.testsupport.ServiceProcess;
import org.chorus.testsupport.SmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 15, fault 2: notifications-service is killed (kill -9) in the middle of a campaign and started again; every
 * subscriber must receive exactly one mail, as counted by the SMTP server (GreenMail, which keeps every mail).
 *
 * <p>The service runs as its own JVM ({@link ServiceProcess}) on a Kafka broker of this test's own (a one-node
 * {@link KafkaCluster}), so no other test context in this JVM shares its consumer groups. This test's Spring context
 * only seeds the audience and creates the campaign: its listeners do not start and its delivery loop does not run.
 *
 * <p>The one window no design closes: SMTP accepted a mail and the process died before the ledger row turned
 * {@code sent}. The worker claims at most {@code send-chunk} rows (50) per sender thread, sends a grant of them over
 * one SMTP connection and marks them sent together, so the window holds at most senders × send-chunk mails; a
 * row left {@code sending} is queued again when its lease runs out (here 15 s instead of 5 min, to keep the test short).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, CampaignCrashIT.OwnKafka.class,
        InfrastructureInitializers.Smtp.class})
@TestPropertySource(properties = {
        "chorus.test.database=notifications_crash",
        "chorus.campaigns.dispatch-group=notifications-dispatch-crash",
        // this context only prepares: the service under test is the child process
        "spring.kafka.listener.auto-startup=false",
        "chorus.campaigns.loop-interval=1h"})
class CampaignCrashIT {

    private static final Path WORK = Path.of("target", "campaign-crash").toAbsolutePath();
    private static final int SENDERS = 2;
    private static final int SEND_CHUNK = 50;
    private static KafkaCluster kafka;

    static final class OwnKafka implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            synchronized (CampaignCrashIT.class) {
                if (kafka == null) {
                    kafka = KafkaCluster.onFreePorts(1, WORK.resolve("kafka-" + UUID.randomUUID()));
                }
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("crash-kafka",
                    Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers())));
        }
    }

    @Autowired
    Campaigns campaigns;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    Environment environment;

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** In every CI run: a campaign small enough to finish in about a minute here. */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killedMidCampaignAndRestartedEverySubscriberGetsExactlyOneMail() throws Exception {
        crashMidCampaign(Integer.getInteger("chorus.crash.subscribers", 2_000));
    }

    /** The figure: 20,000 subscribers (./mvnw -B verify -Preliability). */
    @Test
    @Tag("reliability")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void killedMidCampaignToTwentyThousandSubscribersEveryOneGetsExactlyOneMail() throws Exception {
        crashMidCampaign(20_000);
    }

    private void crashMidCampaign(int audience) throws Exception {
        db.sql("delete from campaign").then().block();
        db.sql("delete from subscriber").then().block();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "crash-" + run + "-";
        insertSubscribers(prefix, audience);
        SmtpServer smtp = Infrastructure.smtp();

        try (ServiceProcess service = ServiceProcess.start("notifications-" + run,
                "org.chorus.notifications.NotificationsApplication", List.of(
                        "--spring.profiles.active=test,development",
                        "--spring.r2dbc.url=" + environment.getProperty("spring.r2dbc.url"),
                        "--spring.r2dbc.username=" + environment.getProperty("spring.r2dbc.username"),
                        "--spring.r2dbc.password=" + environment.getProperty("spring.r2dbc.password"),
                        "--spring.flyway.url=" + environment.getProperty("spring.flyway.url"),
                        "--spring.flyway.user=" + environment.getProperty("spring.flyway.user"),
                        "--spring.flyway.password=" + environment.getProperty("spring.flyway.password"),
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--spring.mail.host=" + smtp.host(),
                        "--spring.mail.port=" + smtp.port(),
                        "--chorus.campaigns.dispatch-group=notifications-dispatch-crash",
                        "--chorus.campaigns.senders=" + SENDERS,
                        "--chorus.campaigns.send-chunk=" + SEND_CHUNK,
                        "--chorus.campaigns.lease=15s",
                        "--logging.level.org.chorus.notifications.campaign=warn"), WORK)) {
            UUID campaign = campaigns.create(CampaignFixtures.content("Ten years on " + run)).block().id();
            Instant start = Instant.now();
            campaigns.sendNow(campaign).block();

            // kill -9 once about a third of the audience has its mail
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> received(smtp, prefix) >= audience / 3);
            service.kill();
            int atKill = received(smtp, prefix);
            Thread.sleep(1_000);
            int afterKill = received(smtp, prefix);
            service.restart();
            Instant restarted = Instant.now();

            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "completed".equals(status(campaign)));
            Duration total = Duration.between(start, Instant.now());

            Map<String, Integer> perRecipient = perRecipient(smtp, prefix);
            long missing = audience - perRecipient.size();
            long duplicated = perRecipient.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long sentInLedger = count(campaign, "sent");
            System.out.printf("CampaignCrashIT: campaign to %,d subscribers, %d senders x send-chunk %d;"
                            + " notifications-service killed (kill -9) at %,d mails received (%,d a second later),"
                            + " restarted, completed %d s after the restart (%d s in all); received by %,d of %,d,"
                            + " missing %d, duplicated %d (window bound %d); ledger sent %,d%n",
                    audience, SENDERS, SEND_CHUNK, atKill, afterKill,
                    Duration.between(restarted, Instant.now()).toSeconds(), total.toSeconds(),
                    perRecipient.size(), audience, missing, duplicated, SENDERS * SEND_CHUNK, sentInLedger);
            assertThat(missing).as("subscribers who got no mail").isZero();
            assertThat(sentInLedger).as("ledger rows sent").isEqualTo(audience);
            assertThat(duplicated).as("second mails, bounded by the inherent window").isLessThanOrEqualTo(SENDERS * SEND_CHUNK);
        }
    }

    private void insertSubscribers(String prefix, int count) throws Exception {
        try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.flyway.url"),
                environment.getProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into subscriber (id, email_key_id, email_ciphertext, email_blind_index, language, topics,
                                            status, confirmed_at)
                    values (?, ?, ?, ?, ?, array['anniversary'], 'confirmed', now())""")) {
                for (int i = 0; i < count; i++) {
                    SealedEmail sealed = vault.seal(prefix + i + "@example.org");
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, sealed.keyId());
                    insert.setBytes(3, sealed.ciphertext());
                    insert.setBytes(4, sealed.blindIndex());
                    insert.setString(5, i % 5 == 0 ? "es" : "en");
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

    private static int received(SmtpServer smtp, String prefix) {
        return (int) smtp.received().stream().filter(message -> recipient(message).startsWith(prefix)).count();
    }

    private static Map<String, Integer> perRecipient(SmtpServer smtp, String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        smtp.received().stream().map(CampaignCrashIT::recipient).filter(r -> r.startsWith(prefix))
                .forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null || to.length == 0 ? "" : to[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }

    private String status(UUID campaign) {
        return db.sql("select status from campaign where id = :id").bind("id", campaign)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private long count(UUID campaign, String state) {
        return db.sql("select count(*) from campaign_delivery where campaign_id = :id and state = :state")
                .bind("id", campaign).bind("state", state).map(row -> row.get(0, Long.class)).one().block();
    }
}
