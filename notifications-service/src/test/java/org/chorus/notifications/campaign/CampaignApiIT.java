package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The staff API: roles, validation and hostile input, all answered as problem+json and never half-stored. */
@CampaignIntegrationTest
class CampaignApiIT {

    private static final String CAMPAIGNS = "/api/admin/campaigns";
    private static final String VALID = """
            {"topic":"anniversary","languages":["en","es"],
             "variants":{"en":{"subject":"Ten years","body":"We are **still here**.","contentWarning":"mentions of assault"},
                         "es":{"subject":"Diez años","body":"Seguimos **aquí**."}}}""";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WebTestClient manager;

    @BeforeEach
    void setUp() {
        new CampaignFixtures(db, vault).reset(listeners);
        manager = as("campaign-manager");
    }

    private WebTestClient as(String role) {
        return web.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @Test
    void campaignsNeedATokenAndTheCampaignManagerOrAdminRole() {
        web.get().uri(CAMPAIGNS).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as("moderator").get().uri(CAMPAIGNS).exchange().expectStatus().isForbidden();
        as("resource-editor").post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(VALID)
                .exchange().expectStatus().isForbidden();
        as("admin").get().uri(CAMPAIGNS).exchange().expectStatus().isOk();
        manager.get().uri(CAMPAIGNS).exchange().expectStatus().isOk();
        assertThat(campaignCount()).isZero();
    }

    @Test
    void theListNamesEachCampaignByItsSubjectsWithoutTheBodies() {
        String id = create(VALID);

        manager.get().uri(CAMPAIGNS).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '%s')].variants.en.subject".formatted(id)).isEqualTo(List.of("Ten years"))
                .jsonPath("$[?(@.id == '%s')].variants.es.subject".formatted(id)).isEqualTo(List.of("Diez años"));
    }

    @Test
    void composedCampaignIsStoredAsADraftAndPreviewsInEachLanguage() {
        String id = create(VALID);

        manager.get().uri(CAMPAIGNS + "/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("draft")
                .jsonPath("$.variants.es.subject").isEqualTo("Diez años");
        manager.get().uri(CAMPAIGNS + "/" + id + "/preview").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.en.html").value(html -> assertThat((String) html)
                        .contains("<strong>still here</strong>").contains("Content warning:"))
                .jsonPath("$.es.text").value(text -> assertThat((String) text).contains("Seguimos aquí"));
    }

    @Test
    void previewOfATemplateThatDoesNotRenderNamesTheLineAndStoresNothing() {
        String broken = VALID.replace("We are **still here**.", "Hello\\n\\n<script>alert(1)</script>");

        manager.post().uri(CAMPAIGNS + "/preview").contentType(MediaType.APPLICATION_JSON).bodyValue(broken)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("variants.en.body")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("line 3"));
        manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(broken)
                .exchange().expectStatus().isBadRequest();
        assertThat(campaignCount()).isZero();
    }

    static Stream<Arguments> hostileCampaigns() {
        return Stream.of(
                Arguments.of("{}", "topic"),
                Arguments.of("{\"topic\":\"'; drop table campaign; --\",\"languages\":[\"en\"],\"variants\":{}}", "topic"),
                Arguments.of(VALID.replace("\"anniversary\"", "\"<script>alert(1)</script>\""), "topic"),
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "[]"), "languages"),
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "[\"en\",\"xx\"]"), "languages[1]"),
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "\"en\""), "languages"),
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "{\"a\":1}"), "languages"),
                // issue 12 item 13: a null inside the list answered 500
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "[\"en\",null]"), "languages[1]"),
                Arguments.of(VALID.replace("[\"en\",\"es\"]", "[null]"), "languages[0]"),
                Arguments.of(VALID.replace("We are **still here**.", "still\\u0000here"), "variants.en.body"),
                Arguments.of(VALID.replace("\"subject\":\"Ten years\"", "\"subject\":\"Ten\\r\\nBcc: all@example.org\""),
                        "variants.en.subject"),
                Arguments.of(VALID.replace("\"subject\":\"Ten years\"", "\"subject\":\"" + "x".repeat(201) + "\""),
                        "variants.en.subject"),
                Arguments.of(VALID.replace("\"subject\":\"Ten years\"", "\"subject\":\"\""), "variants.en.subject"),
                Arguments.of(VALID.replace("\"subject\":\"Ten years\"", "\"subject\":{\"a\":1}"), "variants.en.subject"),
                Arguments.of(VALID.replace("We are **still here**.", "![x](https://tracker.example/p.gif)"),
                        "variants.en.body"),
                Arguments.of(VALID.replace("We are **still here**.", "{{first_name}}"), "variants.en.body"),
                Arguments.of(VALID.replace("We are **still here**.", ""), "variants.en.body"),
                Arguments.of(VALID.replace("\"en\":{", "\"tlh\":{"), "variants.en"),
                Arguments.of(VALID.replace("\"mentions of assault\"", "\"a\\nb\""), "variants.en.contentWarning"),
                Arguments.of(VALID.replace("\"mentions of assault\"", "[1,2]"), "variants.en.contentWarning"));
    }

    @ParameterizedTest
    @MethodSource("hostileCampaigns")
    void hostileCampaignIsRefusedNamingTheFieldAndNothingIsStored(String body, String field) {
        manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        assertThat(campaignCount()).isZero();
    }

    @Test
    void malformedHugeAndWrongShapeBodiesAreProblemsNotServerErrors() {
        for (String body : List.of("{\"topic\":", "[]", "null", "\"just a string\"", "{\"topic\":\"anniversary\"")) {
            manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String huge = VALID.replace("We are **still here**.", "x".repeat(2_000_000));
        manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().value(status -> assertThat(status).isIn(400, 413));
        String overLimit = VALID.replace("We are **still here**.", "x".repeat(50_001));
        manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(overLimit)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("variants.en.body");
        manager.get().uri(CAMPAIGNS + "/not-a-uuid").exchange().expectStatus().isBadRequest();
        manager.get().uri(CAMPAIGNS + "/" + UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(campaignCount()).isZero();
    }

    @Test
    void unicodeAndMarkupLookingTextIsKeptAsTextAndEscapedInHtml() {
        String id = create(VALID.replace("\"subject\":\"Ten years\"", "\"subject\":\"<b>Ñandú</b> ✊🏽 世界\""));

        manager.get().uri(CAMPAIGNS + "/" + id + "/preview").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.en.subject").isEqualTo("<b>Ñandú</b> ✊🏽 世界")
                .jsonPath("$.en.html").value(html -> assertThat((String) html)
                        .contains("&lt;b&gt;Ñandú&lt;/b&gt;").doesNotContain("<b>Ñandú"));
    }

    @Test
    void scheduleIsALocalTimeInAnIanaZoneStoredAsAnInstant() {
        String id = create(VALID);

        manager.post().uri(CAMPAIGNS + "/" + id + "/schedule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sendAt", "2027-10-15T09:00", "zone", "America/New_York"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("scheduled")
                .jsonPath("$.scheduledAt").isEqualTo("2027-10-15T13:00:00Z")
                .jsonPath("$.scheduleZone").isEqualTo("America/New_York")
                .jsonPath("$.scheduledLocal").isEqualTo("2027-10-15T09:00:00");
    }

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                Arguments.of("{\"sendAt\":\"2020-10-15T09:00\",\"zone\":\"America/New_York\"}", "sendAt"),
                Arguments.of("{\"sendAt\":\"2027-03-14T02:30\",\"zone\":\"America/New_York\"}", "sendAt"),
                Arguments.of("{\"sendAt\":\"2090-01-01T00:00\",\"zone\":\"UTC\"}", "sendAt"),
                Arguments.of("{\"sendAt\":\"tomorrow\",\"zone\":\"America/New_York\"}", "sendAt"),
                Arguments.of("{\"sendAt\":12,\"zone\":\"America/New_York\"}", "sendAt"),
                Arguments.of("{\"zone\":\"America/New_York\"}", "sendAt"),
                Arguments.of("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":\"Mars/Olympus_Mons\"}", "zone"),
                Arguments.of("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":\"+05:00\"}", "zone"),
                Arguments.of("{\"sendAt\":\"2027-10-15T09:00\",\"zone\":\"'; drop table campaign; --\"}", "zone"),
                Arguments.of("{\"sendAt\":\"2027-10-15T09:00\"}", "zone"));
    }

    @ParameterizedTest
    @MethodSource("badSchedules")
    void badSchedulesAreRefusedNamingTheFieldAndTheCampaignStaysADraft(String body, String field) {
        String id = create(VALID);

        manager.post().uri(CAMPAIGNS + "/" + id + "/schedule").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        manager.get().uri(CAMPAIGNS + "/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("draft");
    }

    @Test
    void campaignThatHasStartedCannotBeEditedOrRescheduledAndWrongTransitionsAreConflicts() {
        String id = create(VALID);
        manager.post().uri(CAMPAIGNS + "/" + id + "/pause").exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        manager.post().uri(CAMPAIGNS + "/" + id + "/resume").exchange().expectStatus().isEqualTo(409);

        manager.post().uri(CAMPAIGNS + "/" + id + "/send-now").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("sending");

        manager.put().uri(CAMPAIGNS + "/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(VALID)
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("cannot be edited"));
        manager.post().uri(CAMPAIGNS + "/" + id + "/schedule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sendAt", "2027-10-15T09:00", "zone", "America/New_York"))
                .exchange().expectStatus().isEqualTo(409);
        manager.post().uri(CAMPAIGNS + "/" + id + "/send-now").exchange().expectStatus().isEqualTo(409);
        manager.post().uri(CAMPAIGNS + "/" + UUID.randomUUID() + "/cancel").exchange().expectStatus().isNotFound();
    }

    @Test
    void draftCanBeEditedAndCancelled() {
        String id = create(VALID);

        manager.put().uri(CAMPAIGNS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(VALID.replace("Ten years", "Ten years on"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.variants.en.subject").isEqualTo("Ten years on");
        manager.put().uri(CAMPAIGNS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(VALID.replace("\"anniversary\"", "\"nope\""))
                .exchange().expectStatus().isBadRequest();
        manager.get().uri(CAMPAIGNS + "/" + id).exchange().expectBody()
                .jsonPath("$.variants.en.subject").isEqualTo("Ten years on");
        manager.post().uri(CAMPAIGNS + "/" + id + "/cancel").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("cancelled");
    }

    @Test
    void testSendGoesToTheStaffAddressWithInertLinks() throws Exception {
        String id = create(VALID);
        String staff = "staff-" + UUID.randomUUID() + "@example.org";

        manager.post().uri(CAMPAIGNS + "/" + id + "/test-send").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", staff, "language", "es"))
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.languages[0]").isEqualTo("es")
                .jsonPath("$.sentTo").isEqualTo("s***@e***.org");

        await().until(() -> !Infrastructure.smtp().receivedBy(staff).isEmpty());
        MimeMessage mail = Infrastructure.smtp().receivedBy(staff).get(0);
        assertThat(mail.getSubject()).isEqualTo("[TEST] Diez años");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("example.invalid");
    }

    static Stream<Arguments> badTestSends() {
        return Stream.of(
                Arguments.of("{}", "email"),
                Arguments.of("{\"email\":\"not-an-address\"}", "email"),
                Arguments.of("{\"email\":\"a@example.org\\r\\nBcc: all@example.org\"}", "email"),
                Arguments.of("{\"email\":\"a@example.org, b@example.org\"}", "email"),
                Arguments.of("{\"email\":\"" + "a".repeat(300) + "@example.org\"}", "email"),
                Arguments.of("{\"email\":\"a@example.org\",\"language\":\"fr\"}", "language"),
                Arguments.of("{\"email\":[\"a@example.org\"]}", "email"));
    }

    @ParameterizedTest
    @MethodSource("badTestSends")
    void badTestSendRequestsAreRefusedNamingTheField(String body, String field) {
        String id = create(VALID);

        manager.post().uri(CAMPAIGNS + "/" + id + "/test-send").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void progressAndMissedListAnswerForAFreshCampaignAndRefuseBadPaging() {
        String id = create(VALID);

        manager.get().uri(CAMPAIGNS + "/" + id + "/progress").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0).jsonPath("$.counts.queued").isEqualTo(0)
                .jsonPath("$.counts['skipped-unsubscribed']").isEqualTo(0);
        manager.get().uri(CAMPAIGNS + "/" + id + "/missed").exchange().expectStatus().isOk()
                .expectBody().json("[]");
        manager.get().uri(CAMPAIGNS + "/" + id + "/missed?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        manager.get().uri(CAMPAIGNS + "/" + id + "/missed?limit=abc").exchange().expectStatus().isBadRequest();
        manager.get().uri(CAMPAIGNS + "/" + id + "/missed?after=' or 1=1 --").exchange().expectStatus().isBadRequest();
        manager.get().uri(CAMPAIGNS + "/" + UUID.randomUUID() + "/progress").exchange().expectStatus().isNotFound();
    }

    private String create(String body) {
        String location = manager.post().uri(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private long campaignCount() {
        return db.sql("select count(*) from campaign where status = 'draft'").map(row -> row.get(0, Long.class)).one().block();
    }
}
