package org.chorus.notifications.subscription;

import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.testsupport.Infrastructure;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The public subscription API and the mail it sends, as a test drives them. */
public final class SubscriptionApi {

    public static final Duration MAIL = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("https?://\\S+?(/api/subscriptions/[a-z/]+\\?token=[A-Za-z0-9_.-]+)");

    private final WebTestClient http;

    public SubscriptionApi(WebTestClient http) {
        this.http = http;
    }

    public static String address() {
        return "subscriber-" + UUID.randomUUID() + "@example.org";
    }

    public static Map<String, Object> request(String email, String language, List<String> topics, String zip) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("language", language);
        body.put("topics", topics);
        if (zip != null) {
            body.put("zip", zip);
        }
        return body;
    }

    public WebTestClient.ResponseSpec subscribe(Object body) {
        return http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    String subscribed(String email) {
        return subscribe(request(email, "en", List.of("anniversary"), null)).expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Subscribes, follows the confirmation link; returns the preference link path from the confirmation mail. */
    String confirmed(String email) {
        subscribed(email);
        MimeMessage mail = awaitMails(email, 1).get(0);
        http.post().uri(link(mail, "confirm")).exchange().expectStatus().isOk();
        return link(mail, "preferences");
    }

    WebTestClient http() {
        return http;
    }

    public static List<MimeMessage> awaitMails(String email, int count) {
        await().atMost(MAIL).until(() -> mailsTo(email).size() >= count);
        return mailsTo(email);
    }

    public static List<MimeMessage> mailsTo(String email) {
        return Infrastructure.smtp().receivedBy(email);
    }

    public static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path and query of the link for {@code action} (confirm, preferences, unsubscribe) in a mail's body. */
    public static String link(MimeMessage message, String action) {
        Matcher matcher = LINK.matcher(body(message));
        while (matcher.find()) {
            if (matcher.group(1).startsWith("/api/subscriptions/" + action + "?")) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + action + " link in the mail");
    }

    static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
