package org.chorus.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The gateway's own errors as a page, for a person whose browser navigated to an address (a staff member pressing
 * "Sign in" while Keycloak is down) rather than JSON they cannot read. Only fixed sentences of ours; it loads nothing
 * but the site's own stylesheet, and always ends with the hotline.
 */
final class ErrorPage {

    private ErrorPage() {
    }

    /** A browser's navigation: a GET that asks for HTML (the site's and portal's scripts ask for JSON). */
    static boolean wanted(ServerHttpRequest request) {
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = request.getHeaders().getAccept();
        } catch (RuntimeException unreadable) {
            return false;
        }
        return accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    static Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String detail) {
        String path = request.getPath().value();
        boolean signIn = path.startsWith("/oauth2/") || path.startsWith("/login/");
        String sentence = signIn && status.is5xxServerError()
                ? "Staff sign-in is not available right now: the sign-in service is not answering. The public site is "
                + "not affected. Please try again in a few minutes."
                : detail;
        String page = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Chorus — %1$s</title><link rel="stylesheet" href="/assets/site.css"></head>
                <body><main id="main">
                <h1>%1$s</h1>
                <p>%2$s</p>
                <p><a href="%3$s">%4$s</a> · <a href="/help.html">Find help near you</a></p>
                <p>If you need to talk to someone now, call the National Sexual Assault Hotline at 1-800-656-4673 or 988,
                at any hour.</p>
                </main></body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(status.getReasonPhrase()), HtmlUtils.htmlEscape(sentence),
                signIn ? "/admin" : "/", signIn ? "Back to the staff portal" : "Chorus home");
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl(CacheControl.noStore());
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
