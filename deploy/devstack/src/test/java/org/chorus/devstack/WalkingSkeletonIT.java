package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform, as {@code ./devstack} runs it, driven only through the gateway with real Keycloak tokens;
 * the receipt is read from the real SMTP server.
 */
@Order(Integer.MAX_VALUE)
class WalkingSkeletonIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOGS = SharedDevstack.LOGS;
    private static final List<String> PERSONAL = SharedDevstack.PERSONAL;
    private static Devstack devstack;

    @BeforeAll
    static void startThePlatform() {
        devstack = SharedDevstack.get();
    }

    /** Last of the end-to-end classes, so what it checks covers everything they did. */
    @AfterAll
    static void stopThePlatformLeavingNoProcessBehindAndNoPersonalDataInLogs() throws IOException {
        SharedDevstack.stop();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                        .map(p -> p.info().commandLine().orElse("?")).toList())
                        .as("processes of ours still running after the stop").isEmpty());
        assertNoLogHoldsWhatThePublicSent();
    }

    private static void assertNoLogHoldsWhatThePublicSent() throws IOException {
        try (Stream<Path> logs = Files.list(LOGS)) {
            for (Path log : logs.toList()) {
                String content = Files.readString(log);
                for (String personal : PERSONAL) {
                    assertThat(content).as("%s must not contain what a person submitted", log.getFileName())
                            .doesNotContain(personal);
                }
            }
        }
    }

    @Test
    void anonymousStoryWithAContactReachesItsAuthorAsAReceiptMail() throws Exception {
        String email = "author-" + UUID.randomUUID() + "@example.org";
        String text = "It took me ten years to say this. " + UUID.randomUUID();
        PERSONAL.addAll(List.of(email, text));

        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/stories"))
                .header("Content-Type", "application/json")
                .header(ProofOfWork.HEADER, ProofOfWork.solve(HttpClient.newHttpClient(), devstack.gatewayUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "text", text, "language", "en",
                        "contactEmail", email, "contactConsent", true)))));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("SUBMITTED");
        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsTo(email).isEmpty());
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("We received your story");
        assertThat(String.valueOf(mails.get(0).getContent())).doesNotContain("ten years");
    }

    @Test
    void moderationQueueWithoutATokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/admin/stories")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource({"moderator, 200", "admin, 200", "editor, 403", "campaigns, 403"})
    void moderationQueueAnswersByTheRoleInARealKeycloakToken(String user, int status) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/admin/stories"))
                .header("Authorization", "Bearer " + token(user)).GET());

        assertThat(response.statusCode()).isEqualTo(status);
    }

    @Test
    void tokenSignedBySomeoneElseIsRefusedAtTheGateway() throws Exception {
        String[] parts = token("moderator").split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway("/api/admin/stories"))
                .header("Authorization", "Bearer " + forged).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void publicSiteAndPortalAreServedWithStrictHeaders() throws Exception {
        for (String page : List.of("/", "/admin")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(page)).GET());

            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("Referrer-Policy")).as(page).contains("no-referrer");
        }
    }

    private static URI gateway(String path) {
        return URI.create(devstack.gatewayUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A real access token from the realm's dev-only password-grant client. */
    private static String token(String user) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", "chorus-dev-cli", "username", user, "password", user)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(devstack.keycloak().tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.statusCode()).as("token for %s", user).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.get("access_token").asString();
    }

    private static List<MimeMessage> mailsTo(String email) {
        return devstack.smtp().receivedBy(email);
    }
}
