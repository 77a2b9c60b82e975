package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chorus.testsupport.LogFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15, fault 8: every service, the gateway last, replaced pod by pod during a surge, as Kubernetes rolls a
 * Deployment out (deploy/k8s: maxSurge 1, maxUnavailable 0, a preStop pause, then SIGTERM and Spring's graceful
 * shutdown). Each service sits behind a load balancer that, like a Kubernetes Service, sends new connections only to
 * ready pods and leaves established ones alone, so the gateway's pooled connections to a stopping pod are the hard
 * part, as they are in a cluster. Writers share stories and readers read the list and search the directory without
 * pause throughout; no request may fail and no story's events may be lost or take effect twice.
 */
@Tag("reliability")
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class RollingRestartSurgeIT {

    private static final int WRITERS = 8;
    private static final int READERS = 4;
    /** Shorter than deploy/k8s's 10 s: on loopback the "endpoints" change at once, nothing has to hear of it. */
    private static final Duration PRE_STOP = Duration.ofSeconds(3);
    private static final Duration STEADY = Duration.ofSeconds(10);
    private static final List<String> ROLLOUT = List.of("resources", "notifications", "stories", "gateway");

    @Test
    void restartingEveryServicePodByPodDuringASurgeFailsNoRequestAndLosesNoEvent() throws Exception {
        Path home = Path.of("target", "rolling-restart-surge");
        System.setProperty("chorus.devstack.args.gateway",
                "--chorus.rate-limit.enabled=false --chorus.proof-of-work.enabled=false");
        try (Devstack devstack = Devstack.startBalanced(DevstackPorts.free(), home, 1,
                name -> new LogFile(home.resolve("logs").resolve(name + ".log")))) {
            long rowsBefore = StorySurge.storyRows(devstack);
            StorySurge surge = StorySurge.start(devstack.gatewayUrl(), WRITERS);
            Readers readers = Readers.start(devstack.gatewayUrl(), READERS);
            Thread.sleep(STEADY.toMillis());
            Map<String, Duration> drained = new LinkedHashMap<>();
            for (String service : ROLLOUT) {
                drained.put(service, devstack.rollingRestart(service, PRE_STOP));
            }
            Thread.sleep(STEADY.toMillis());
            Duration lasted = surge.stop();
            readers.stop();

            long lost = surge.lost(devstack);
            long storedTwice = StorySurge.storyRows(devstack) - rowsBefore - surge.created().size();
            long missing = surge.awaitReceiptsQueued(devstack);
            long duplicated = StorySurge.duplicated(surge.receipts(devstack));
            int stories = surge.created().size();
            System.out.printf("RollingRestartSurgeIT: %d writers and %d readers through the gateway for %d s while"
                            + " %s were replaced pod by pod (preStop %d s; SIGTERM to exit per service %s);"
                            + " story answers %s (%.0f/s; sent again as the site would %d), read answers %s;"
                            + " stories answered 201 %d, lost %d, stored twice %d,"
                            + " without their receipt queued %d, receipts sent twice %d; connections per pod %s;"
                            + " first failures %s %s%n",
                    WRITERS, READERS, lasted.toSeconds(), ROLLOUT, PRE_STOP.toSeconds(), drained,
                    surge.statuses(), stories / (double) lasted.toSeconds(), surge.retried(), readers.statuses(),
                    stories, lost, storedTwice,
                    missing, duplicated, connections(devstack), surge.failures(), readers.failures());
            assertThat(surge.statuses().keySet()).as("stories not shared after the site's retries: "
                    + surge.failures()).containsOnly(201);
            // a read that got no answer at all within 30 s (no error, no status) is the loopback stall this machine
            // has shown without any restart (once in ~60,000 reads here); counted, bounded, never an error answer
            Map<Integer, Integer> reads = readers.statuses();
            assertThat(reads.keySet()).as("read answers other than 200: " + readers.failures())
                    .isSubsetOf(200, Readers.STALLED);
            assertThat(reads.getOrDefault(Readers.STALLED, 0) * 10_000L)
                    .as("reads without any answer in 30 s: " + readers.failures())
                    .isLessThanOrEqualTo(reads.values().stream().mapToLong(Integer::longValue).sum());
            assertThat(lost).as("201s without a stored story").isZero();
            assertThat(storedTwice).as("stories stored twice (a retry not recognised)").isZero();
            assertThat(missing).as("stories whose events did not take effect (no receipt queued)").isZero();
            assertThat(duplicated).as("second receipts").isZero();
            assertThat(stories).as("stories shared during the rollout").isGreaterThan(100);
        } finally {
            System.clearProperty("chorus.devstack.args.gateway");
        }
    }

    private static Map<String, Map<Integer, Long>> connections(Devstack devstack) {
        Map<String, Map<Integer, Long>> connections = new LinkedHashMap<>();
        ROLLOUT.forEach(name -> connections.put(name, devstack.balancer(name).connections()));
        return connections;
    }

    /** Readers without pause: the story list and a directory search. */
    private static final class Readers {

        /** The status counted for a read that got no answer, not even an error, within its 30 s. */
        static final int STALLED = -2;

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Answers answers = new Answers();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads;

        private Readers(int readers) {
            threads = Executors.newFixedThreadPool(readers);
        }

        static Readers start(String gateway, int readers) {
            Readers started = new Readers(readers);
            for (int i = 0; i < readers; i++) {
                boolean search = i % 2 == 0;
                started.threads.submit(() -> {
                    while (started.running.get()) {
                        started.read(URI.create(gateway + (search ? "/api/resources/search?zip=10001" : "/api/stories")));
                    }
                    return null;
                });
            }
            return started;
        }

        /** A GET, which a browser (and this client) sends again by itself when a kept-alive connection closes under it. */
        private void read(URI uri) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    answers.count(200);
                } else {
                    answers.count(response.statusCode(), uri.getPath() + " " + response.statusCode() + " "
                            + response.body());
                }
            } catch (HttpTimeoutException e) {
                answers.count(STALLED, uri.getPath() + " " + e);
            } catch (Exception e) {
                answers.count(-1, uri.getPath() + " " + e);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).as("readers stopped").isTrue();
        }

        Map<Integer, Integer> statuses() {
            return answers.statuses();
        }

        List<String> failures() {
            return answers.unexpected();
        }
    }
}
