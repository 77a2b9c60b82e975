package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.notifications.HostileInput.UNSTORABLE;
import static org.chorus.notifications.HostileInput.refusedNaming;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hostile-input corpus of the public writes sent to every campaign write (create, update, preview, schedule, test
 * send, and the transitions' path): NUL, unpaired surrogates, wrong JSON types, nulls inside lists and objects, empty
 * and over-long values, and a malformed id. Each answer is a 400 problem naming the field by its JSON path, and
 * nothing of it is stored: no new campaign, the existing one unchanged.
 */
@CampaignIntegrationTest
class StaffWriteHostileInputIT {

    private static final String CAMPAIGNS = "/api/admin/campaigns";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WebTestClient manager;
    String existing;
    String before;

    @BeforeEach
    void anExistingDraft() {
        new CampaignFixtures(db, vault).reset(listeners);
        manager = web.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_campaign-manager")));
        String location = manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(campaign("\"Ten years\"", "\"We are **still here**.\"", "\"mentions of assault\""))
                .exchange().expectStatus().isCreated()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        existing = location.substring(location.lastIndexOf('/') + 1);
        before = stored();
    }

    @Test
    void unstorableTextInAnyVariantFieldIsNamedOnCreateUpdateAndPreview() {
        for (String value : UNSTORABLE) {
            String quoted = "\"" + value + "\"";
            expectRefused(campaign(quoted, "\"Body\"", "null"), "variants.en.subject");
            expectRefused(campaign("\"Subject\"", quoted, "null"), "variants.en.body");
            expectRefused(campaign("\"Subject\"", "\"Body\"", quoted), "variants.en.contentWarning");
        }
    }

    @Test
    void wrongJsonTypesAreNamedNotConverted() {
        expectRefused(campaign("42", "\"Body\"", "null"), "variants.en.subject");
        expectRefused(campaign("true", "\"Body\"", "null"), "variants.en.subject");
        expectRefused(campaign("\"Subject\"", "1.5", "null"), "variants.en.body");
        expectRefused(campaign("\"Subject\"", "[\"Body\"]", "null"), "variants.en.body");
        expectRefused(campaign("\"Subject\"", "\"Body\"", "{\"a\":1}"), "variants.en.contentWarning");
        expectRefused("{\"topic\":42,\"languages\":[\"en\"],\"variants\":" + variants("\"S\"", "\"B\"", "null") + "}",
                "topic");
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[42],\"variants\":" + variants("\"S\"", "\"B\"", "null")
                + "}", "languages[0]");
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[\"en\"],\"variants\":[]}", "variants");
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[\"en\"],\"variants\":{\"en\":\"text\"}}",
                "variants.en");
    }

    @Test
    void nullsInsideListsAndObjectsAreNamed() {
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[\"en\",null],\"variants\":"
                + variants("\"S\"", "\"B\"", "null") + "}", "languages[1]");
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[\"en\"],\"variants\":{\"en\":null}}", "variants.en");
        expectRefused("{\"topic\":\"anniversary\",\"languages\":[\"en\"],\"variants\":{\"en\":{\"subject\":\"S\","
                + "\"body\":\"B\"},\"es\":null}}", "variants.es");
        expectRefused(campaign("null", "\"Body\"", "null"), "variants.en.subject");
        expectRefused(campaign("\"Subject\"", "null", "null"), "variants.en.body");
    }

    @Test
    void emptyAndOverLongValuesAreNamed() {
        expectRefused(campaign("\"\"", "\"Body\"", "null"), "variants.en.subject");
        expectRefused(campaign("\"Subject\"", "\"   \"", "null"), "variants.en.body");
        expectRefused(campaign("\"" + "x".repeat(201) + "\"", "\"Body\"", "null"), "variants.en.subject");
        expectRefused(campaign("\"Subject\"", "\"" + "x".repeat(50_001) + "\"", "null"), "variants.en.body");
        expectRefused(campaign("\"Subject\"", "\"Body\"", "\"" + "x".repeat(301) + "\""), "variants.en.contentWarning");
        expectRefused("{\"topic\":\"\",\"languages\":[\"en\"],\"variants\":" + variants("\"S\"", "\"B\"", "null") + "}",
                "topic");
    }

    @Test
    void markupSqlAndUnicodeAreKeptAsText() {
        String subject = "<script>alert(1)</script>'; drop table campaign; -- ✊🏽 Ñandú 世界";
        manager.put().uri(CAMPAIGNS + "/{id}", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(campaign("\"" + subject + "\"", "\"Body\"", "null")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.variants.en.subject").isEqualTo(subject);
    }

    @Test
    void hostileSchedulesAreNamedAndTheCampaignStaysADraft() {
        List<Map.Entry<String, String>> cases = new ArrayList<>();
        for (String value : UNSTORABLE) {
            cases.add(Map.entry("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":\"" + value + "\"}", "zone"));
            // inside the value: Jackson's date parser trims a trailing NUL away, as it does a space
            cases.add(Map.entry("{\"sendAt\":\"2027-10-15T0" + value + "9:00\",\"zone\":\"UTC\"}", "sendAt"));
        }
        cases.add(Map.entry("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":42}", "zone"));
        cases.add(Map.entry("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":[\"UTC\"]}", "zone"));
        cases.add(Map.entry("{\"sendAt\":{\"date\":\"2027-10-15\"},\"zone\":\"UTC\"}", "sendAt"));
        cases.add(Map.entry("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":\"" + "x".repeat(10_000) + "\"}", "zone"));
        cases.add(Map.entry("{\"sendAt\":\"\",\"zone\":\"UTC\"}", "sendAt"));
        cases.add(Map.entry("null", "sendAt"));
        for (Map.Entry<String, String> bad : cases) {
            refusedNaming(manager.post().uri(CAMPAIGNS + "/{id}/schedule", existing).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad.getKey()), bad.getValue());
            assertThat(stored()).isEqualTo(before);
        }
    }

    @Test
    void hostileTestSendsAreNamedAndSendNothing() {
        List<Map.Entry<String, String>> cases = new ArrayList<>();
        for (String value : UNSTORABLE) {
            cases.add(Map.entry("{\"email\":\"staff" + value + "@example.org\"}", "email"));
        }
        cases.add(Map.entry("{\"email\":42}", "email"));
        cases.add(Map.entry("{\"email\":{\"to\":\"a@example.org\"}}", "email"));
        cases.add(Map.entry("{\"email\":null}", "email"));
        cases.add(Map.entry("{\"email\":\"\"}", "email"));
        cases.add(Map.entry("{\"email\":\"<script>@example.org\"}", "email"));
        cases.add(Map.entry("{\"email\":\"a@example.org\",\"language\":42}", "language"));
        cases.add(Map.entry("{\"email\":\"a@example.org\",\"language\":[\"es\"]}", "language"));
        cases.add(Map.entry("{\"email\":\"a@example.org\",\"language\":\"e\\u0000s\"}", "language"));
        cases.add(Map.entry("null", "email"));
        for (Map.Entry<String, String> bad : cases) {
            refusedNaming(manager.post().uri(CAMPAIGNS + "/{id}/test-send", existing).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad.getKey()), bad.getValue());
        }
    }

    @Test
    void aMalformedIdInThePathIsNamedOnEveryWrite() {
        for (String id : List.of("not-a-uuid", "1", "1-1-1-1-1", "' or 1=1 --", "<b>")) {
            refusedNaming(manager.put().uri(CAMPAIGNS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(campaign("\"S\"", "\"B\"", "null")), "id");
            refusedNaming(manager.post().uri(CAMPAIGNS + "/" + id + "/schedule").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("sendAt", "2027-10-15T09:00", "zone", "UTC")), "id");
            refusedNaming(manager.post().uri(CAMPAIGNS + "/" + id + "/test-send").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "a@example.org")), "id");
            for (String transition : List.of("send-now", "pause", "resume", "cancel")) {
                refusedNaming(manager.post().uri(CAMPAIGNS + "/" + id + "/" + transition), "id");
            }
        }
        // an encoded NUL never reaches the service: Spring Security's firewall refuses the path first
        manager.post().uri(CAMPAIGNS + "/%00/cancel").exchange().expectStatus().isBadRequest();
        assertThat(stored()).isEqualTo(before);
    }

    /** Refused on create and preview with nothing stored, and on update with the existing campaign unchanged. */
    private void expectRefused(String body, String field) {
        refusedNaming(manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(body), field);
        refusedNaming(manager.post().uri(CAMPAIGNS + "/preview").contentType(MediaType.APPLICATION_JSON).bodyValue(body),
                field);
        refusedNaming(manager.put().uri(CAMPAIGNS + "/{id}", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body), field);
        assertThat(stored()).isEqualTo(before);
    }

    /** Every campaign and variant row, as text: one existing draft, exactly as it was. */
    private String stored() {
        String campaigns = db.sql("select id, topic, array_to_string(languages, ',') as languages, status, scheduled_at, "
                        + "schedule_zone, updated_at "
                        + "from campaign order by id")
                .fetch().all().map(Map::toString).collectList().block().toString();
        String variants = db.sql("select campaign_id, language, subject, body_markdown, content_warning "
                        + "from campaign_variant order by campaign_id, language")
                .fetch().all().map(Map::toString).collectList().block().toString();
        return campaigns + variants;
    }

    private static String campaign(String subject, String body, String contentWarning) {
        return "{\"topic\":\"anniversary\",\"languages\":[\"en\",\"es\"],\"variants\":"
                + variants(subject, body, contentWarning) + "}";
    }

    /** Raw JSON values, written as given: {@code "\"text\""}, {@code 42}, {@code null}. */
    private static String variants(String subject, String body, String contentWarning) {
        return "{\"en\":{\"subject\":" + subject + ",\"body\":" + body + ",\"contentWarning\":" + contentWarning + "}}";
    }
}
