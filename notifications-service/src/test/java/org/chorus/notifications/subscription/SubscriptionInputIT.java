package org.chorus.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Whatever the sign-up form is sent, the answer is a problem naming the field, and nothing is stored. */
@NotificationsIntegrationTest
class SubscriptionInputIT {

    private static final String OK_TOPICS = "\"topics\":[\"anniversary\"]";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    static Stream<Arguments> invalidSignUps() {
        return Stream.of(
                Arguments.of("no email", "{\"language\":\"en\"," + OK_TOPICS + "}", "email"),
                Arguments.of("empty email", body("\"\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("not an address", body("\"not-an-email\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("no domain dot", body("\"ana@localhost\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("script", body("\"<script>alert(1)</script>@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("SQL", body("\"' or 1=1 --@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("header injection", body("\"ana@example.org\\r\\nBcc: eve@example.org\"", "\"en\"", OK_TOPICS),
                        "email"),
                Arguments.of("non-ASCII domain", body("\"ana@exämple.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("bidi override", body("\"ana\\u202e@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("zero-width space", body("\"an\\u200ba@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("too long", body("\"" + "a".repeat(300) + "@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("huge", body("\"" + "a".repeat(100_000) + "@example.org\"", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("email as object", body("{\"a\":1}", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("email as list", body("[\"ana@example.org\"]", "\"en\"", OK_TOPICS), "email"),
                Arguments.of("no language", "{\"email\":\"ana@example.org\"," + OK_TOPICS + "}", "language"),
                Arguments.of("unknown language", body("\"ana@example.org\"", "\"fr\"", OK_TOPICS), "language"),
                Arguments.of("language in capitals", body("\"ana@example.org\"", "\"EN\"", OK_TOPICS), "language"),
                Arguments.of("language as number", body("\"ana@example.org\"", "7", OK_TOPICS), "language"),
                Arguments.of("no topics", "{\"email\":\"ana@example.org\",\"language\":\"en\"}", "topics"),
                Arguments.of("empty topics", body("\"ana@example.org\"", "\"en\"", "\"topics\":[]"), "topics"),
                Arguments.of("unknown topic", body("\"ana@example.org\"", "\"en\"", "\"topics\":[\"news\"]"), "topics[0]"),
                Arguments.of("null topic", body("\"ana@example.org\"", "\"en\"", "\"topics\":[null]"), "topics[0]"),
                Arguments.of("topics as string", body("\"ana@example.org\"", "\"en\"", "\"topics\":\"anniversary\""),
                        "topics"),
                Arguments.of("topic with script", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"<script>alert(1)</script>\"]"), "topics[0]"),
                Arguments.of("help near me without ZIP", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"]"), "zip"),
                Arguments.of("four-digit ZIP", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"],\"zip\":\"1234\""), "zip"),
                Arguments.of("ZIP+4", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"],\"zip\":\"12345-6789\""), "zip"),
                Arguments.of("ZIP in Arabic-Indic digits", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"],\"zip\":\"١٢٣٤٥\""), "zip"),
                Arguments.of("ZIP with SQL", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"],\"zip\":\"1'; drop table subscriber; --\""), "zip"),
                Arguments.of("ZIP without help near me", body("\"ana@example.org\"", "\"en\"",
                        OK_TOPICS + ",\"zip\":\"10001\""), "zip"),
                Arguments.of("ZIP as object", body("\"ana@example.org\"", "\"en\"",
                        "\"topics\":[\"help-near-me\"],\"zip\":{\"a\":1}"), "zip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSignUps")
    void invalidSignUpIsAProblemNamingTheFieldAndStoresNothing(String name, String json, String field) {
        long before = subscribers();

        http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field == '" + field + "')]").exists();

        assertThat(subscribers()).isEqualTo(before);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("not JSON", MediaType.APPLICATION_JSON, "{not json", 400),
                Arguments.of("a JSON array", MediaType.APPLICATION_JSON, "[]", 400),
                Arguments.of("empty", MediaType.APPLICATION_JSON, "", 400),
                Arguments.of("larger than the limit", MediaType.APPLICATION_JSON,
                        "{\"email\":\"" + "a".repeat(400_000) + "\"}", 413),
                Arguments.of("plain text", MediaType.TEXT_PLAIN, "ana@example.org", 415),
                Arguments.of("a form", MediaType.APPLICATION_FORM_URLENCODED, "email=ana%40example.org", 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void unreadableSignUpIsAProblemAndNeverAServerError(String name, MediaType type, String body, int status) {
        long before = subscribers();

        http.post().uri("/api/subscriptions").contentType(type).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(subscribers()).isEqualTo(before);
    }

    private static String body(String email, String language, String topics) {
        return "{\"email\":" + email + ",\"language\":" + language + "," + topics + "}";
    }

    private long subscribers() {
        return db.sql("select count(*) as n from subscriber").map(row -> row.get("n", Long.class)).one().block();
    }
}
