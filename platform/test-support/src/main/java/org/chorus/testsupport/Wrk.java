package org.chorus.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the HTTP load generator the benchmarks run in a process of its own, so that the load's CPU is not counted as
 * the service's and every request crosses a real socket. Debian packages it; the benchmark scripts install it.
 */
public final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private Wrk() {
    }

    /**
     * What one run measured.
     *
     * @param non2xx answers that were not 2xx or 3xx (wrk counts them, and a script's own check may add errors)
     */
    public record Result(String output, long requests, double requestsPerSecond, double p50Millis, double p99Millis,
                         long non2xx) {

        @Override
        public String toString() {
            return "%8.0f req/s  p50 %7.2f ms  p99 %7.2f ms".formatted(requestsPerSecond, p50Millis, p99Millis);
        }
    }

    /**
     * Loads {@code url} for {@code duration} with {@code connections} connections over at most two threads (one per
     * core here), recording the latency distribution.
     *
     * @param script a wrk Lua script that shapes each request, or null for a plain GET of {@code url}
     */
    public static Result run(String url, int connections, Duration duration, Path script)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process wrk;
        try {
            wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: apt-get install wrk (the bench scripts do)", e);
        }
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new Result(output, Long.parseLong(find(REQUESTS, output)), Double.parseDouble(find(RATE, output)),
                percentile(output, "50%"), percentile(output, "99%"), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    /** A line of wrk's latency distribution, such as "     99%   12.31ms", in milliseconds. */
    private static double percentile(String output, String percentile) {
        Matcher line = Pattern.compile("^\\s+" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)\\s*$",
                Pattern.MULTILINE).matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("wrk printed no " + percentile + " latency:\n" + output);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk printed no " + pattern + ":\n" + output);
        }
        return matcher.group(1);
    }
}
