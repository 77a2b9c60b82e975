package org.chorus.gateway.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.chorus.gateway.edge.ClientAddress;
import org.junit.jupiter.api.Test;

class DifficultyTest {

    private static final ClientAddress SURVIVOR = new ClientAddress("192.0.2.10");
    private static final ClientAddress PROGRAM = new ClientAddress("198.51.100.7");

    private final ProofOfWorkProperties properties = new ProofOfWorkProperties(true, null, Duration.ofMinutes(5),
            1000, 64_000, 3, Duration.ofMinutes(10), 10);
    private final Clock clock = Clock.fixed(Instant.parse("2027-10-15T12:00:00.100Z"), ZoneOffset.UTC);

    @Test
    void aClientWhoHasNotWrittenGetsTheBaseDifficulty() {
        assertThat(new Difficulty(properties, clock).forClient(SURVIVOR)).isEqualTo(1000);
    }

    @Test
    void everyFewWritesOfOneClientDoubleItsDifficultyAndNobodyElses() {
        Difficulty difficulty = new Difficulty(properties, clock);
        for (int write = 0; write < 2; write++) {
            difficulty.wrote(PROGRAM);
        }
        assertThat(difficulty.forClient(PROGRAM)).isEqualTo(1000);

        difficulty.wrote(PROGRAM);
        assertThat(difficulty.forClient(PROGRAM)).isEqualTo(2000);
        for (int write = 0; write < 3; write++) {
            difficulty.wrote(PROGRAM);
        }
        assertThat(difficulty.forClient(PROGRAM)).isEqualTo(4000);
        assertThat(difficulty.forClient(SURVIVOR)).isEqualTo(1000);
    }

    @Test
    void aClientThatKeepsWritingReachesTheCeilingAndNoFurther() {
        Difficulty difficulty = new Difficulty(properties, clock);
        for (int write = 0; write < 500; write++) {
            difficulty.wrote(PROGRAM);
        }
        assertThat(difficulty.forClient(PROGRAM)).isEqualTo(64_000);
    }

    @Test
    void aSurgeBeyondTheExpectedWritesPerSecondRaisesEveryonesDifficultyInProportion() {
        Difficulty difficulty = new Difficulty(properties, clock);
        for (int client = 0; client < 30; client++) {
            difficulty.wrote(new ClientAddress("203.0.113." + client));
        }
        // 30 writes this second against 10 expected: three times the work for a client who has not written
        assertThat(difficulty.writesPerSecond()).isEqualTo(30);
        assertThat(difficulty.forClient(SURVIVOR)).isEqualTo(3000);
    }
}
