package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.StorySubmission;
import org.chorus.stories.story.SubmittedStory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hostile-input corpus of the public writes, sent to every staff write: each value is refused with a 400
 * problem naming the field, and the story, its published copy, its revision and its audit trail stay as they were.
 * Raw JSON, so that NUL characters (PostgreSQL refuses U+0000 in text) and lone surrogates arrive as a client can
 * send them.
 */
@StoriesIntegrationTest
class StaffWriteHostileInputIT {

    private static final String HUGE = "x".repeat(StorySubmission.MAX_TEXT + 1);

    @Autowired
    StoryApi api;

    @Autowired
    DatabaseClient db;

    /** Hostile values for a free-text field, as JSON: each must be refused, naming the field. */
    static List<String> hostileText(int max) {
        return List.of("\"with a NUL \\u0000 inside\"", "\"\\u0000\"", "\"a lone \\ud800 surrogate\"",
                "\"a lone low \\udc00 surrogate\"", "\"" + "y".repeat(max + 1) + "\"", "\"" + "y".repeat(100_000) + "\"",
                "42", "true", "{\"nested\": \"object\"}", "[\"a\", null]");
    }

    /** Hostile values for a list of taxonomy codes. */
    static List<String> hostileList() {
        return List.of("[null]", "[\"violence\", null]", "[\"<script>alert(1)</script>\"]", "[\"'; drop table story; --\"]",
                "[\"\\u0000\"]", "[\"\\ud800\"]", "[42]", "[{\"a\": 1}]", "[[]]", "{\"a\": 1}", "\"violence\"", "42",
                "[\"" + "v".repeat(100_000) + "\"]");
    }

    static Stream<Arguments> hostileDecisions() {
        List<Arguments> cases = new ArrayList<>();
        for (String decision : List.of("publication", "revision/approval")) {
            for (String value : hostileText(StorySubmission.MAX_TEXT)) {
                cases.add(Arguments.of(decision, "{\"version\": %d, \"text\": " + value + "}", "text"));
            }
            for (String value : hostileText(StorySubmission.MAX_TITLE)) {
                cases.add(Arguments.of(decision, "{\"version\": %d, \"title\": " + value + "}", "title"));
            }
            for (String value : List.of("\"Ana\\u0000\"", "\"\\ud800\"", "\"<b>Ana</b>\"", "\"Ana'; drop table story; --\"",
                    "\"" + "n".repeat(100_000) + "\"", "42", "[\"Ana\"]", "{\"first\": \"Ana\"}")) {
                cases.add(Arguments.of(decision, "{\"version\": %d, \"name\": " + value + "}", "name"));
            }
            for (String value : hostileList()) {
                cases.add(Arguments.of(decision, "{\"version\": %d, \"contentWarnings\": " + value + "}", "contentWarnings"));
                cases.add(Arguments.of(decision, "{\"version\": %d, \"themes\": " + value + "}", "themes"));
            }
        }
        for (String decision : List.of("rejection", "revision/rejection")) {
            for (String value : hostileText(2000)) {
                cases.add(Arguments.of(decision, "{\"version\": %d, \"reason\": " + value + "}", "reason"));
            }
            cases.add(Arguments.of(decision, "{\"version\": %d, \"reason\": \"\"}", "reason"));
            cases.add(Arguments.of(decision, "{\"version\": %d, \"reason\": null}", "reason"));
            cases.add(Arguments.of(decision, "{\"version\": %d}", "reason"));
        }
        for (String decision : List.of("publication", "revision/approval", "rejection", "revision/rejection")) {
            for (String version : List.of("\"1\"", "\"x'; drop table story; --\"", "1.5", "true", "[1]", "{\"v\": 1}", "null")) {
                cases.add(Arguments.of(decision, "{\"version\": " + version + ", \"reason\": \"No.\"}", "version"));
            }
            cases.add(Arguments.of(decision, "{\"reason\": \"No.\"}", "version"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("hostileDecisions")
    void hostileDecisionIsRefusedNamingTheFieldAndChangesNothing(String decision, String body, String field) {
        UUID id = decision.startsWith("revision") ? withRevision() : submitted();
        int version = version(id);
        String before = state(id);

        api.moderator().post().uri("/api/admin/stories/{id}/" + decision, id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.formatted(version)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                // a value inside a list is named with its index, e.g. contentWarnings[0]
                .expectBody().jsonPath("$.errors[0].field").value(String.class, named -> assertThat(named).startsWith(field));

        assertThat(state(id)).isEqualTo(before);
    }

    static Stream<Arguments> hostileFeaturing() {
        return Stream.of("{}", "{\"featured\": null}", "{\"featured\": \"yes\"}", "{\"featured\": \"\\u0000\"}",
                "{\"featured\": 1}", "{\"featured\": [true]}", "{\"featured\": {\"on\": true}}",
                "{\"featured\": \"" + "t".repeat(100_000) + "\"}").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFeaturing")
    void hostileFeaturingIsRefusedNamingTheFieldAndChangesNothing(String body) {
        UUID id = published();
        String before = state(id);

        api.moderator().put().uri("/api/admin/stories/{id}/featured", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("featured");

        assertThat(state(id)).isEqualTo(before);
    }

    static Stream<Arguments> everyStaffWrite() {
        return Stream.of(Arguments.of(HttpMethod.POST, "publication"), Arguments.of(HttpMethod.POST, "rejection"),
                Arguments.of(HttpMethod.POST, "revision/approval"), Arguments.of(HttpMethod.POST, "revision/rejection"),
                Arguments.of(HttpMethod.PUT, "featured"), Arguments.of(HttpMethod.POST, "reports/resolution"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStaffWrite")
    void aHostileStoryIdIsRefusedNamingIt(HttpMethod method, String action) {
        for (String id : List.of("not-a-uuid", "<script>", "z".repeat(5000), "00000000-0000-0000-0000-00000000000g",
                "{0}", "Ünïcödé")) {
            staffWrite(method, id, action)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        }
        // encoded semicolons, percent signs and NULs are refused by Spring Security's firewall before any handler
        for (String id : List.of("'; drop table story; --", "%00", "a\u0000b")) {
            staffWrite(method, id, action).expectStatus().isBadRequest();
        }
    }

    private WebTestClient.ResponseSpec staffWrite(HttpMethod method, String id, String action) {
        return api.moderator().method(method).uri(URI.create("/api/admin/stories/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"version\": 0, \"reason\": \"No.\", \"featured\": true}")
                .exchange();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStaffWrite")
    void malformedEmptyAndHugeBodiesAreProblemsNotServerErrors(HttpMethod method, String action) {
        if (action.equals("reports/resolution")) {
            return; // it takes no body
        }
        UUID id = action.startsWith("revision") ? withRevision() : action.equals("featured") ? published() : submitted();
        String before = state(id);
        for (String body : List.of("{\"version\": 0, \"reason\": \"unterminated", "", "null", "[]", "\"text\"",
                "{\"version\": 0, \"reason\": \"" + "r".repeat(400_000) + "\"}")) {
            api.moderator().method(method).uri("/api/admin/stories/{id}/" + action, id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().value(status -> assertThat(status).isBetween(400, 499))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void markupAndSqlInFreeTextArePublishedExactlyAsWritten() {
        UUID id = submitted();
        String text = "<script>alert('x')</script> '; drop table story; -- Ünïcödé ✊🏽 \u202e";

        api.publish(id, Map.of("text", text, "title", "<b>'; --</b>"));

        assertThat(api.published(id).text()).isEqualTo(text);
    }

    private UUID submitted() {
        return api.submit("Hostile input target", "en").id();
    }

    private UUID published() {
        UUID id = submitted();
        api.publish(id);
        return id;
    }

    private UUID withRevision() {
        SubmittedStory story = api.submit("Hostile input target", "en");
        api.publish(story.id());
        api.edit(story.manageToken(), Map.of("text", "A revision waiting")).expectStatus().isOk();
        return story.id();
    }

    private int version(UUID id) {
        return db.sql("select version from story where id = :id").bind("id", id)
                .map(row -> row.get("version", Integer.class)).one().block();
    }

    /** Everything a staff write could change about a story, as one string. */
    private String state(UUID id) {
        return db.sql("""
                        select concat_ws('|', s.status, s.version, s.rejection_reason, s.decided_at,
                            (select md5(string_agg(concat_ws('|', p.title, p.text, p.content_warnings, p.themes, p.name,
                                p.featured), ',')) from published_story p where p.story_id = s.id),
                            (select count(*) from story_revision v where v.story_id = s.id),
                            (select count(*) from moderation_audit a where a.story_id = s.id),
                            (select count(*) from story_report r where r.story_id = s.id and r.resolved_at is null)) as state
                        from story s where s.id = :id""")
                .bind("id", id).map(row -> row.get("state", String.class)).one().block();
    }
}
