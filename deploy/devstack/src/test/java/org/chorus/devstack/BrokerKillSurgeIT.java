package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.chorus.testsupport.KafkaCluster;
import org.chorus.testsupport.LogFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, fault 1: the whole platform on three Kafka nodes (replication 3, min.insync.replicas 2); one node is
 * killed with kill -9 in the middle of a surge of story submissions through the gateway and started again. Every 201
 * must be a stored story, and every story's events must take effect in notifications-service once: one receipt
 * queued per story (its outgoing mail is unique per kind and story), and no author receives a receipt twice. The
 * gateway's rate limit is off, since the surge comes from one loopback client. Reliability profile: starting the
 * platform takes minutes.
 */
@Tag("reliability")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BrokerKillSurgeIT {

    private static final int CLIENTS = 16;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(15);
    private static final Duration KILLED_FOR = Duration.ofSeconds(20);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBrokerKilledDuringASurgeLosesNoStoryAndDoublesNoReceipt() throws Exception {
        Path home = Path.of("target", "broker-kill-surge");
        // one test client sends the whole surge: no rate limit, and no proof-of-work (solving one costs the client, not
        // the gateway, whose check is one HMAC and one hash, and would make this machine's CPU the load generator's)
        System.setProperty("chorus.devstack.args.gateway",
                "--chorus.rate-limit.enabled=false --chorus.proof-of-work.enabled=false");
        try (Devstack devstack = Devstack.start(DevstackPorts.free(), home, true, 3,
                name -> new LogFile(home.resolve("logs").resolve(name + ".log")))) {
            KafkaCluster kafka = (KafkaCluster) devstack.kafka();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String run = UUID.randomUUID().toString().substring(0, 8);
            Map<UUID, String> created = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger sequence = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String email = "surge-" + run + "-" + sequence.incrementAndGet() + "@example.org";
                        int status = submit(http, devstack.gatewayUrl(), email, created);
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
            Instant start = Instant.now();
            Thread.sleep(BEFORE_KILL.toMillis());
            kafka.kill(2);
            int atKill = created.size();
            Thread.sleep(KILLED_FOR.toMillis());
            kafka.restart(2);
            Thread.sleep(AFTER_RESTART.toMillis());
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            Duration surge = Duration.between(start, Instant.now());

            Set<UUID> stored = new HashSet<>();
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + devstack.ports().postgres() + "/chorus_stories", "postgres", "postgres");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select id from story")) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
            long lost = created.keySet().stream().filter(id -> !stored.contains(id)).count();

            // the events took effect once each: notifications-service queued one receipt per story (its outgoing_mail
            // is unique per kind and story); the mail queue then sends at its own pace (20 a round, a round every 500 ms)
            Instant waitFrom = Instant.now();
            long queued = queuedReceipts(devstack, created.keySet());
            while (queued < created.size() && Duration.between(waitFrom, Instant.now()).toMinutes() < 3) {
                Thread.sleep(2_000);
                queued = queuedReceipts(devstack, created.keySet());
            }
            Duration toQueue = Duration.between(waitFrom, Instant.now());
            Map<String, Integer> receipts = receipts(devstack, run);
            long duplicated = receipts.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long missing = created.size() - queued;

            System.out.printf("BrokerKillSurgeIT: %d clients through the gateway for %d s on 3 Kafka nodes (RF 3,"
                            + " min ISR 2); node 2 killed (kill -9) after %d s at %d stories and restarted %d s later;"
                            + " answers %s (%.0f stories/s); stories answered 201 %d, lost %d;"
                            + " receipts queued by notifications %d (all %d s after the surge), without one %d;"
                            + " receipts received by SMTP so far %d, duplicated %d%n",
                    CLIENTS, surge.toSeconds(), BEFORE_KILL.toSeconds(), atKill, KILLED_FOR.toSeconds(), statuses,
                    created.size() / (double) surge.toSeconds(), created.size(), lost, queued, toQueue.toSeconds(),
                    missing, receipts.size(), duplicated);
            assertThat(lost).as("201s without a stored story").isZero();
            assertThat(missing).as("stories whose events did not take effect (no receipt queued)").isZero();
            assertThat(duplicated).as("second receipts").isZero();
            assertThat(statuses.keySet()).as("answers other than 201").containsOnly(201);
        } finally {
            System.clearProperty("chorus.devstack.args.gateway");
        }
    }

    private static int submit(HttpClient http, String gateway, String email, Map<UUID, String> created) {
        try {
            String body = JSON.writeValueAsString(Map.of("text", "A story in the surge", "language", "en",
                    "contactEmail", email, "contactConsent", true, "consents", Map.of("publishOnSite", true)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/stories"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                created.put(UUID.fromString(JSON.readTree(response.body()).get("id").asString()), email);
            }
            return response.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long queuedReceipts(Devstack devstack, Set<UUID> stories) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + devstack.ports().postgres() + "/chorus_notifications", "postgres", "postgres");
             var statement = connection.prepareStatement(
                     "select count(distinct story_id) from outgoing_mail where story_id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", stories.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Integer> receipts(Devstack devstack, String run) {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : devstack.smtp().received()) {
            try {
                Address[] to = message.getAllRecipients();
                if (to != null && to.length > 0 && to[0].toString().startsWith("surge-" + run + "-")) {
                    counts.merge(to[0].toString(), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                // not one of ours
            }
        }
        return counts;
    }
}
