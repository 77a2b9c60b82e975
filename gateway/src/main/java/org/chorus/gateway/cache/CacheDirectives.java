package org.chorus.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a response's {@code Cache-Control} allows a shared cache, read directive by directive (RFC 9111 §5.2.2):
 * every header line, every comma-separated directive, names in any case, arguments quoted or not. Spring Cloud
 * Gateway's {@code LocalResponseCache} compared each whole header value with {@code no-store} or {@code private},
 * so Spring Security's {@code no-cache, no-store, max-age=0, must-revalidate} on a personal answer was cached.
 */
final class CacheDirectives {

    private CacheDirectives() {
    }

    /**
     * How long a shared cache may keep the answer: {@code s-maxage}, else {@code max-age}, when the answer is
     * {@code public} or carries one of them; empty when any directive forbids it ({@code no-store}, {@code private},
     * {@code no-cache}, with or without field names) or when nothing allows it. Unreadable ages forbid it too.
     */
    static Optional<Duration> sharedLifetime(List<String> cacheControlLines) {
        Long maxAge = null;
        Long sharedMaxAge = null;
        for (String line : cacheControlLines) {
            for (String directive : splitOutsideQuotes(line)) {
                int equals = directive.indexOf('=');
                String name = (equals < 0 ? directive : directive.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                String argument = equals < 0 ? null : unquote(directive.substring(equals + 1).trim());
                switch (name) {
                    case "no-store", "private", "no-cache" -> {
                        return Optional.empty();
                    }
                    case "max-age" -> maxAge = seconds(argument);
                    case "s-maxage" -> sharedMaxAge = seconds(argument);
                    default -> {
                        // public, must-revalidate, immutable, extensions: nothing here forbids a short shared copy
                    }
                }
                if (("max-age".equals(name) && maxAge == null) || ("s-maxage".equals(name) && sharedMaxAge == null)) {
                    return Optional.empty();
                }
            }
        }
        Long lifetime = sharedMaxAge != null ? sharedMaxAge : maxAge;
        return lifetime == null || lifetime <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(lifetime));
    }

    private static List<String> splitOutsideQuotes(String line) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** A delta-seconds argument (RFC 9111 §1.2.2: digits only), or null when it is not one. */
    private static Long seconds(String argument) {
        if (argument == null || argument.isEmpty() || argument.length() > 10
                || !argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(argument);
    }
}
