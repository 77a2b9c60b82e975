package org.chorus.gateway.edge;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests whose answers are personal: staff screens and APIs, the author's manage-token pages, the answer to a
 * submission (it carries the manage token), subscriptions (an email address), and sign-in. Their answers are never
 * stored, by a browser ({@link PersonalNoStore}) or by the gateway's micro-cache.
 */
public final class PersonalPaths {

    private static final List<PathPattern> PERSONAL = List.of(
            "/api/admin/**", "/api/stories/manage/**", "/api/subscriptions/**", "/api/me",
            "/admin", "/admin/**", "/logout", "/login/**", "/oauth2/**").stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();
    private static final PathPattern SUBMISSION = PathPatternParser.defaultInstance.parse("/api/stories");

    private PersonalPaths() {
    }

    public static boolean personal(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        return PERSONAL.stream().anyMatch(pattern -> pattern.matches(path))
                || HttpMethod.POST.equals(request.getMethod()) && SUBMISSION.matches(path);
    }
}
