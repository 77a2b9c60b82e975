package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A surge for the fault tests: clients sharing stories through the gateway without pause, each story with a contact
 * address of this run, and afterwards what became of them: which 201s are stored stories, and whether each story's
 * events took effect once in notifications-service (one receipt queued per story, none sent twice). Each client sends
 * as the site does: under a manage token it chose, and again, after the site's waits, when no answer came or the
 * answer was 502, 503 or 504 (a retry answered 200 is the story stored by an earlier attempt). The gateway's rate
 * limit and proof-of-work must be off: the whole surge comes from one loopback client.
 */
final class StorySurge {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** share.js's RETRY_WAITS, in seconds. */
    private static final List<Integer> SITE_RETRY_WAITS = List.of(2, 4, 8, 16, 30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String gateway;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, String> created = new ConcurrentHashMap<>();
    private final Answers answers = new Answers();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final Instant start = Instant.now();

    private StorySurge(String gateway, int clients) {
        this.gateway = gateway;
        this.clients = Executors.newFixedThreadPool(clients);
    }

    static StorySurge start(String gateway, int clients) {
        StorySurge surge = new StorySurge(gateway, clients);
        for (int i = 0; i < clients; i++) {
            surge.clients.submit(() -> {
                while (surge.running.get()) {
                    surge.submitOne();
                }
                return null;
            });
        }
        return surge;
    }

    /** Stops the clients after their requests in flight; returns how long the surge ran. */
    Duration stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("surge clients stopped").isTrue();
        return Duration.between(start, Instant.now());
    }

    /** Stories answered 201, by id. */
    Map<UUID, String> created() {
        return created;
    }

    /** Answers by status; -1 for a request that got no answer (refused, reset, timed out). */
    Map<Integer, Integer> statuses() {
        return answers.statuses();
    }

    /** Attempts sent again after a lost or 502/503/504 answer, as the site would. */
    int retried() {
        return retried.get();
    }

    /** The first few answers other than 201, with what they said, for the report. */
    List<String> failures() {
        return answers.unexpected();
    }

    private void submitOne() throws InterruptedException {
        String email = "surge-" + run + "-" + sequence.incrementAndGet() + "@example.org";
        String body = JSON.writeValueAsString(Map.of("text", "A story in the surge", "language", "en",
                "contactEmail", email, "contactConsent", true, "consents", Map.of("publishOnSite", true)));
        String token = manageToken();
        for (int attempt = 0; ; attempt++) {
            int status;
            String said;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/stories"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("X-Manage-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                said = response.body();
                if (status == 201 || status == 200) {
                    created.put(UUID.fromString(JSON.readTree(said).get("id").asString()), email);
                    answers.count(201);
                    return;
                }
            } catch (java.io.IOException e) {
                status = -1;
                said = e.toString();
            }
            boolean passing = status == -1 || status == 502 || status == 503 || status == 504;
            if (!passing || attempt == SITE_RETRY_WAITS.size()) {
                answers.count(status, status + " " + said);
                return;
            }
            retried.incrementAndGet();
            Thread.sleep(SITE_RETRY_WAITS.get(attempt) * 1000L);
        }
    }

    /** A manage token as share.js makes one: 256 random bits, base64url. */
    private static String manageToken() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Rows in the story table (to tell, with a count taken before, whether a story was stored twice). */
    static long storyRows(Devstack devstack) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + devstack.ports().postgres() + "/chorus_stories", "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from story")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** 201s without a stored story. */
    long lost(Devstack devstack) throws Exception {
        Set<UUID> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + devstack.ports().postgres() + "/chorus_stories", "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id from story")) {
            while (rows.next()) {
                stored.add(rows.getObject(1, UUID.class));
            }
        }
        return created.keySet().stream().filter(id -> !stored.contains(id)).count();
    }

    /**
     * Waits until notifications-service has queued a receipt for every story answered 201 (its outgoing_mail is
     * unique per kind and story, so a story's events taking effect twice cannot queue two), for as long as it catches
     * up: a backlog on a loaded machine is not a loss, while no progress for a minute is (ten minutes at most).
     *
     * @return the stories without one at the end
     */
    long awaitReceiptsQueued(Devstack devstack) throws Exception {
        Instant from = Instant.now();
        Instant progressed = from;
        long queued = queuedReceipts(devstack);
        while (queued < created.size() && Duration.between(progressed, Instant.now()).toSeconds() < 60
                && Duration.between(from, Instant.now()).toMinutes() < 10) {
            Thread.sleep(2_000);
            long now = queuedReceipts(devstack);
            if (now > queued) {
                progressed = Instant.now();
            }
            queued = now;
        }
        return created.size() - queued;
    }

    private long queuedReceipts(Devstack devstack) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + devstack.ports().postgres() + "/chorus_notifications", "postgres", "postgres");
             var statement = connection.prepareStatement(
                     "select count(distinct story_id) from outgoing_mail where story_id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", created.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Receipts the SMTP server received so far, per author of this run. */
    Map<String, Integer> receipts(Devstack devstack) {
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

    /** Second (and later) receipts to one author. */
    static long duplicated(Map<String, Integer> receipts) {
        return receipts.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }
}
