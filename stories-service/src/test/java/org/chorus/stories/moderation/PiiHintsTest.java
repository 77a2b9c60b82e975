package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.chorus.stories.moderation.PiiHints.Hint;
import org.chorus.stories.moderation.PiiHints.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PiiHintsTest {

    @Test
    void emailsPhonesAndUrlsAreHinted() {
        String text = "Write to jo.doe+x@mail.example.org or call +1 (555) 123-4567, see https://example.org/me.";

        assertThat(found(text, Kind.EMAIL)).containsExactly("jo.doe+x@mail.example.org");
        assertThat(found(text, Kind.PHONE)).containsExactly("+1 (555) 123-4567");
        assertThat(found(text, Kind.URL)).containsExactly("https://example.org/me");
    }

    @Test
    void streetAddressesAreHintedInEnglishAndSpanish() {
        assertThat(found("He lived at 42 Elm Street then.", Kind.STREET_ADDRESS)).containsExactly("42 Elm Street");
        assertThat(found("Vivía en la Calle Mayor 12 con él.", Kind.STREET_ADDRESS)).containsExactly("Calle Mayor 12");
    }

    @Test
    void capitalisedWordsMidSentenceAreLikelyNames() {
        String text = "It was my coach, Daniel Ortega Ruiz. He told me in May that I was special.";

        assertThat(found(text, Kind.NAME)).containsExactly("Daniel Ortega Ruiz");
    }

    @Test
    void wordsThatStartASentenceAreNotNames() {
        assertThat(found("Nobody knew. Then it stopped! Years passed.", Kind.NAME)).isEmpty();
    }

    @Test
    void plainTextHasNoHints() {
        assertThat(PiiHints.in("it happened when i was young and i told no one for years")).isEmpty();
        assertThat(PiiHints.in("")).isEmpty();
    }

    @Test
    void offsetsCountAsABrowserDoes() {
        String text = "✊🏽 then Ana.";

        Hint hint = PiiHints.in(text).get(0);

        assertThat(text.substring(hint.start(), hint.end())).isEqualTo("Ana");
    }

    /**
     * The worst case found for each pattern, as a text of a given length. Story text is hostile input and the
     * hints run for every moderator view; each case was quadratic or worse at some point.
     */
    static List<Arguments> adversarial() {
        return List.of(
                Arguments.of("addresses without spaces", repeat("a@a.a")),
                Arguments.of("a local part with no domain", (IntFunction<String>) n -> "a".repeat(n - 1) + "@"),
                Arguments.of("dotted local part with no domain", repeat("a.")),
                Arguments.of("web addresses without spaces", repeat("www.")),
                Arguments.of("a web address of punctuation", (IntFunction<String>) n -> "www." + ".".repeat(n - 4)),
                Arguments.of("spaced digits ending in a letter", (IntFunction<String>) n -> "1 ".repeat(n / 2 - 1) + "1x"),
                Arguments.of("one long digit run", (IntFunction<String>) n -> "9".repeat(n - 1) + "x"),
                Arguments.of("hyphenated capitals", repeat("A-")),
                Arguments.of("capitalised words", repeat("Aa ")),
                Arguments.of("capitalised words before a street", repeat("Elm Oak Street ")),
                Arguments.of("spanish street words run together", (IntFunction<String>) n -> "Calle " + "Ab".repeat(n / 2)),
                Arguments.of("names among addresses", repeat("so Ana a@b.co ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void everyPatternIsLinearInTheText(String worstCase, IntFunction<String> text) {
        String small = text.apply(10_000);
        String large = text.apply(100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long tenThousand = fastest(small);
            long hundredThousand = fastest(large);

            // ten times the text may take ten times as long; quadratic would be a hundred. The floor of one
            // millisecond keeps a tiny baseline from turning noise into a ratio.
            assertThat(hundredThousand)
                    .as("%s: %d ns for 100,000 characters against %d ns for 10,000", worstCase, hundredThousand, tenThousand)
                    .isLessThan(20 * Math.max(tenThousand, 1_000_000L));
        });
    }

    @Test
    void onlyTheLongestTextAStoryCanHoldIsScanned() {
        String text = "x".repeat(PiiHints.MAX_SCANNED) + " write to a@b.co";

        assertThat(PiiHints.in(text)).isEmpty();
        assertThat(PiiHints.in(text.substring(PiiHints.MAX_SCANNED - 100))).extracting(Hint::kind).containsExactly(Kind.EMAIL);
    }

    @Test
    void boundedPatternsStillFindWhatTheyFoundBefore() {
        String text = "Mail ana.maria-lopez+chorus@correo.example.com.mx, call 0034 (91) 555 12 34 or +44 20 7946 0958, "
                + "read www.example.org/a/b?c=d). We met on Av. Reforma 222, and later at 1600 Pennsylvania Avenue.";

        assertThat(found(text, Kind.EMAIL)).containsExactly("ana.maria-lopez+chorus@correo.example.com.mx");
        assertThat(found(text, Kind.PHONE)).containsExactly("0034 (91) 555 12 34", "+44 20 7946 0958");
        assertThat(found(text, Kind.URL)).containsExactly("www.example.org/a/b?c=d");
        assertThat(found(text, Kind.STREET_ADDRESS)).containsExactly("Av. Reforma 222", "1600 Pennsylvania Avenue");
        assertThat(found("then Mary-jo O’neil came", Kind.NAME)).containsExactly("Mary-jo O’neil");
    }

    /** The best of five runs, after a warm-up: the least disturbed by the rest of the machine. */
    /**
     * The least CPU time of this thread over five scans: CPU time, not the clock, so other processes that share the
     * machine (a parallel build) cannot make a linear pattern look quadratic.
     */
    private static long fastest(String text) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PiiHints.scan(text);
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long started = threads.getCurrentThreadCpuTime();
            PiiHints.scan(text);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - started);
        }
        return best;
    }

    private static IntFunction<String> repeat(String unit) {
        return length -> unit.repeat(length / unit.length());
    }

    private static List<String> found(String text, Kind kind) {
        return PiiHints.in(text).stream().filter(hint -> hint.kind() == kind)
                .map(hint -> text.substring(hint.start(), hint.end())).toList();
    }
}
