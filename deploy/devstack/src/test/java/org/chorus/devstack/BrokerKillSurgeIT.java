package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chorus.testsupport.KafkaCluster;
import org.chorus.testsupport.LogFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
            StorySurge surge = StorySurge.start(devstack.gatewayUrl(), CLIENTS);
            Thread.sleep(BEFORE_KILL.toMillis());
            kafka.kill(2);
            int atKill = surge.created().size();
            Thread.sleep(KILLED_FOR.toMillis());
            kafka.restart(2);
            Thread.sleep(AFTER_RESTART.toMillis());
            Duration lasted = surge.stop();

            long lost = surge.lost(devstack);
            Instant waitFrom = Instant.now();
            long missing = surge.awaitReceiptsQueued(devstack);
            Duration toQueue = Duration.between(waitFrom, Instant.now());
            Map<String, Integer> receipts = surge.receipts(devstack);
            long duplicated = StorySurge.duplicated(receipts);
            int stories = surge.created().size();

            System.out.printf("BrokerKillSurgeIT: %d clients through the gateway for %d s on 3 Kafka nodes (RF 3,"
                            + " min ISR 2); node 2 killed (kill -9) after %d s at %d stories and restarted %d s later;"
                            + " answers %s (%.0f stories/s); stories answered 201 %d, lost %d;"
                            + " receipts queued by notifications %d (all %d s after the surge), without one %d;"
                            + " receipts received by SMTP so far %d, duplicated %d%n",
                    CLIENTS, lasted.toSeconds(), BEFORE_KILL.toSeconds(), atKill, KILLED_FOR.toSeconds(),
                    surge.statuses(), stories / (double) lasted.toSeconds(), stories, lost, stories - missing,
                    toQueue.toSeconds(), missing, receipts.size(), duplicated);
            assertThat(lost).as("201s without a stored story").isZero();
            assertThat(missing).as("stories whose events did not take effect (no receipt queued)").isZero();
            assertThat(duplicated).as("second receipts").isZero();
            assertThat(surge.statuses().keySet()).as("answers other than 201: " + surge.failures()).containsOnly(201);
        } finally {
            System.clearProperty("chorus.devstack.args.gateway");
        }
    }
}
