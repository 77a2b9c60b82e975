package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.chorus.testsupport.BenchmarkReport;
import org.chorus.testsupport.ChorusHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * How long a reader's device works on the proof-of-work before an anonymous write is sent, at each difficulty the
 * gateway may ask for (its base, doubled for a client's repeated writes and raised in a surge, up to its maximum):
 * the site's own solver ({@code assets/site/proof.js}, the file the gateway serves) in Debian's Chromium, unthrottled
 * on this machine and with DevTools' CPU throttling at 4× (Lighthouse's mid-tier phone) and 6× (DevTools' low-end
 * phone). Each challenge hides its number at half the difficulty, the average a reader meets (the number is uniform
 * up to the difficulty, so the worst case is twice as long). Solving time grows with the hashes tried, so once one
 * difficulty's solve takes longer than a budget, the harder ones are given from the hash rate measured (marked so)
 * instead of keeping the machine busy for minutes. Not a test: {@code deploy/devstack/bench/suite.sh proof-of-work}.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
class ProofOfWorkSolvingBenchmarkIT {

    /** The gateway's defaults ({@code chorus.proof-of-work.difficulty} and {@code max-difficulty}). */
    private static final long BASE = Long.getLong("chorus.benchmark.pow.base", 50_000);
    private static final long MAX = Long.getLong("chorus.benchmark.pow.max", 1_000_000);
    private static final List<Integer> THROTTLING = List.of(1, 4, 6);
    private static final int SAMPLES = Integer.getInteger("chorus.benchmark.pow.samples", 3);
    /** Past this, a harder difficulty's time is given from the hash rate instead of measured. */
    private static final Duration MEASURED_UP_TO = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static HttpServer site;
    private static Browser browser;

    @BeforeAll
    static void serveTheSolverAndStartChromium() throws Exception {
        byte[] solver = Files.readAllBytes(
                ChorusHome.root().resolve("gateway/src/main/resources/static/assets/site/proof.js"));
        byte[] page = "<!doctype html><title>proof-of-work</title>".getBytes(StandardCharsets.UTF_8);
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            boolean script = exchange.getRequestURI().getPath().equals("/assets/site/proof.js");
            byte[] body = script ? solver : page;
            exchange.getResponseHeaders().set("Content-Type", script ? "text/javascript" : "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        browser = Browser.start();
        // a page of the solver's origin: 127.0.0.1 is a secure context, so crypto.subtle is there as on HTTPS
        browser.driver().get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void solvingTimeAtEachDifficulty() throws Exception {
        List<Long> difficulties = new ArrayList<>();
        for (long difficulty = BASE; difficulty < MAX; difficulty *= 2) {
            difficulties.add(difficulty);
        }
        difficulties.add(MAX);
        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        ChromeDriver chromium = (ChromeDriver) browser.driver();
        for (int throttling : THROTTLING) {
            chromium.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", throttling));
            solve(BASE); // the solver's module loaded and compiled before anything is timed
            double hashesPerMilli = 0;
            for (long difficulty : difficulties) {
                String name = "%s, difficulty %,d".formatted(throttling == 1 ? "this machine" : throttling
                        + "× throttled", difficulty);
                if (hashesPerMilli > 0 && difficulty / 2 / hashesPerMilli > MEASURED_UP_TO.toMillis()) {
                    figures.add(goal(name + " (from the hash rate)", difficulty / 2 / hashesPerMilli, throttling,
                            difficulty));
                    continue;
                }
                double total = 0;
                for (int sample = 0; sample < SAMPLES; sample++) {
                    total += solve(difficulty);
                }
                double millis = total / SAMPLES;
                hashesPerMilli = difficulty / 2 / millis;
                figures.add(goal(name, millis, throttling, difficulty));
            }
            figures.add(BenchmarkReport.Figure.of((throttling == 1 ? "this machine" : throttling + "× throttled")
                    + ", hashes per second", hashesPerMilli * 1000, "hashes/s"));
        }
        chromium.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
        BenchmarkReport.add("proof-of-work", figures, List.of(
                "the site's solver (assets/site/proof.js) in headless Chromium %s; CPU throttling by DevTools "
                        .formatted(chromium.getCapabilities().getBrowserVersion())
                        + "(Emulation.setCPUThrottlingRate): 4× is Lighthouse's mid-tier phone, 6× DevTools' "
                        + "low-end phone",
                "average case: each challenge's number is half its difficulty (a reader's is uniform up to the "
                        + "difficulty, so the worst case takes twice as long); mean of %d solves".formatted(SAMPLES),
                "difficulties: the gateway's base (%,d), doubled every 3 writes of one client in 10 minutes and "
                        .formatted(BASE) + "raised with the write rate in a surge, up to its maximum (%,d)"
                        .formatted(MAX),
                "(from the hash rate): not measured, as the solve before took over %d s; the time is the hashes "
                        .formatted(MEASURED_UP_TO.toSeconds()) + "at the throttling's measured rate"));
        assertThat(figures).isNotEmpty();
    }

    /** The base difficulty on a phone is the one every survivor meets: the site says it takes under a second. */
    private static BenchmarkReport.Figure goal(String name, double millis, int throttling, long difficulty) {
        return difficulty == BASE && throttling == 4 ? BenchmarkReport.Figure.atMost(name, millis, "ms", 1000)
                : BenchmarkReport.Figure.of(name, millis, "ms");
    }

    /** One challenge as the gateway makes them, solved by the site's solver in the page; milliseconds taken. */
    private static double solve(long difficulty) throws Exception {
        long number = difficulty / 2;
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String salt = HexFormat.of().formatHex(random) + "?expires="
                + Instant.now().plusSeconds(300).getEpochSecond();
        String challenge = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((salt + number).getBytes(StandardCharsets.UTF_8)));
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const [challenge, done] = arguments;
                import('/assets/site/proof.js')
                  .then(async ({ solve }) => {
                    const started = performance.now();
                    const proof = JSON.parse(atob(await solve(challenge)));
                    done({ millis: performance.now() - started, number: proof.number });
                  })
                  .catch((error) => done({ error: String(error) }));
                """, Map.of("algorithm", "SHA-256", "challenge", challenge,
                "maxnumber", difficulty, "salt", salt, "signature", "not checked by the solver"));
        assertThat(answer).as("the solver's answer").isInstanceOf(Map.class);
        Map<?, ?> solved = (Map<?, ?>) answer;
        assertThat(solved.get("error")).as("the solver's error").isNull();
        assertThat(((Number) solved.get("number")).longValue()).as("the number found").isEqualTo(number);
        return ((Number) solved.get("millis")).doubleValue();
    }
}
