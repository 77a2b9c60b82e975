package org.chorus.gateway.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengesTest {

    private static final Instant NOW = Instant.parse("2027-10-15T12:00:00Z");
    private final Challenges challenges = new Challenges(key(1), Duration.ofMinutes(5));

    @Test
    void aSolvedChallengeIsAcceptedAndNamesTheSignatureItIsSpentUnder() {
        Challenge challenge = challenges.issue(1000, NOW);
        Challenges.Verdict verdict = challenges.check(solve(challenge), NOW.plusSeconds(30));

        assertThat(verdict.solved()).isTrue();
        assertThat(verdict.signature()).isEqualTo(challenge.signature());
        assertThat(verdict.replayableFor()).isBetween(Duration.ofSeconds(260), Duration.ofSeconds(271));
    }

    @Test
    void theChallengeCarriesItsExpiryInTheSaltAndTheDifficultyAsked() {
        Challenge challenge = challenges.issue(1234, NOW);

        assertThat(challenge.algorithm()).isEqualTo("SHA-256");
        assertThat(challenge.maxnumber()).isEqualTo(1234);
        assertThat(challenge.salt()).endsWith("?expires=" + NOW.plusSeconds(300).getEpochSecond());
        assertThat(challenges.issue(1234, NOW).salt()).isNotEqualTo(challenge.salt());
    }

    @Test
    void anExpiredSolutionIsRefused() {
        String solution = solve(challenges.issue(100, NOW));

        assertThat(challenges.check(solution, NOW.plusSeconds(301)).refusal()).contains("expired");
    }

    @Test
    void aChallengeFromAnotherKeyIsRefused() {
        Challenges elsewhere = new Challenges(key(2), Duration.ofMinutes(5));

        assertThat(challenges.check(solve(elsewhere.issue(100, NOW)), NOW).refusal()).contains("not issued by Chorus");
    }

    @Test
    void aWrongNumberIsRefused() {
        Challenge challenge = challenges.issue(100, NOW);
        long right = number(challenge);

        assertThat(challenges.check(answer(challenge, (right + 1) % 101, challenge.salt()), NOW).refusal())
                .contains("does not solve");
    }

    @Test
    void lengtheningTheExpiryInTheSaltBreaksTheSolution() {
        Challenge challenge = challenges.issue(100, NOW);
        String later = challenge.salt().replaceAll("expires=\\d+", "expires=" + NOW.plusSeconds(86_400).getEpochSecond());

        assertThat(challenges.check(answer(challenge, number(challenge), later), NOW.plusSeconds(400)).solved())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not base64!", "bm90IGpzb24=", "W10=", "bnVsbA==", "e30=",
            // {"algorithm":"SHA-1",...}, a string number, a negative one, one beyond a long, a fraction
            "eyJhbGdvcml0aG0iOiJTSEEtMSIsImNoYWxsZW5nZSI6ImEiLCJudW1iZXIiOjEsInNhbHQiOiJiIiwic2lnbmF0dXJlIjoiYyJ9",
            "eyJhbGdvcml0aG0iOiJTSEEtMjU2IiwiY2hhbGxlbmdlIjoiYSIsIm51bWJlciI6IjEiLCJzYWx0IjoiYiIsInNpZ25hdHVyZSI6ImMifQ==",
            "eyJhbGdvcml0aG0iOiJTSEEtMjU2IiwiY2hhbGxlbmdlIjoiYSIsIm51bWJlciI6LTEsInNhbHQiOiJiIiwic2lnbmF0dXJlIjoiYyJ9",
            "eyJhbGdvcml0aG0iOiJTSEEtMjU2IiwiY2hhbGxlbmdlIjoiYSIsIm51bWJlciI6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTksInNhbHQiOiJiIiwic2lnbmF0dXJlIjoiYyJ9",
            "eyJhbGdvcml0aG0iOiJTSEEtMjU2IiwiY2hhbGxlbmdlIjoiYSIsIm51bWJlciI6MS41LCJzYWx0IjoiYiIsInNpZ25hdHVyZSI6ImMifQ=="})
    void whatIsNotASolutionIsRefusedWithoutThrowing(String payload) {
        Challenges.Verdict verdict = challenges.check(payload, NOW);

        assertThat(verdict.solved()).isFalse();
        assertThat(verdict.refusal()).isNotBlank();
    }

    @Test
    void hostileFieldValuesAreRefusedWithoutThrowing() {
        for (String hostile : new String[] {"'; drop table story; --", "<script>alert(1)</script>", "ü\u202e\u0000😀",
                "x".repeat(300)}) {
            String json = "{\"algorithm\":\"SHA-256\",\"challenge\":\"%s\",\"number\":1,\"salt\":\"%s\",\"signature\":\"%s\"}"
                    .formatted(hostile.replace("\u0000", "\\u0000"), hostile.replace("\u0000", "\\u0000"), "0");
            assertThat(challenges.check(base64(json), NOW).solved()).as(hostile).isFalse();
        }
        assertThat(challenges.check("A".repeat(100_000), NOW).refusal()).isEqualTo("is not a solution");
    }

    private static String solve(Challenge challenge) {
        return ProofOfWork.solve(json(challenge));
    }

    private static long number(Challenge challenge) {
        for (long n = 0; n <= challenge.maxnumber(); n++) {
            if (Challenges.sha256(challenge.salt() + n).equals(challenge.challenge())) {
                return n;
            }
        }
        throw new AssertionError("unsolvable");
    }

    private static String answer(Challenge challenge, long number, String salt) {
        return base64("{\"algorithm\":\"SHA-256\",\"challenge\":\"%s\",\"number\":%d,\"salt\":\"%s\",\"signature\":\"%s\"}"
                .formatted(challenge.challenge(), number, salt, challenge.signature()));
    }

    private static String json(Challenge c) {
        return "{\"algorithm\":\"%s\",\"challenge\":\"%s\",\"maxnumber\":%d,\"salt\":\"%s\",\"signature\":\"%s\"}"
                .formatted(c.algorithm(), c.challenge(), c.maxnumber(), c.salt(), c.signature());
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return key;
    }
}
