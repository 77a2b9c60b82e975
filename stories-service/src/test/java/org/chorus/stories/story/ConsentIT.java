package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.contracts.Topics;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.consent.ConsentState;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class ConsentIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void consentIsRecordedPerPurposeAndShownToTheAuthor() {
        SubmittedStory story = api.submit(Map.of("text", "Quote me", "language", "en",
                "consents", Map.of("publishOnSite", true, "quoteInCampaigns", true)));

        assertThat(api.managed(story.manageToken()).consents())
                .isEqualTo(new ConsentState(true, true, false, false));
        assertThat(ledger(story.id())).containsExactlyInAnyOrder(
                "PUBLISH_ON_SITE=true", "QUOTE_IN_CAMPAIGNS=true", "SHARE_WITH_PRESS=false", "CONTACT=false");
    }

    @Test
    void consentIsOptInSoAStoryWithoutItCannotBePublished() {
        SubmittedStory story = api.submit(Map.of("text", "Only for the moderators", "language", "en", "consents", Map.of()));

        api.decide(story.id(), "publication", Map.of("version", 0))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The author has not consented to publication on the site.");
        assertThat(api.managed(story.manageToken()).status()).isEqualTo(StoryStatus.SUBMITTED);
    }

    @Test
    void authorChangesTheirMindAndTheLedgerKeepsEveryDecision() {
        SubmittedStory story = api.submit(Map.of("text", "Changing my mind", "language", "en",
                "consents", Map.of("publishOnSite", true, "shareWithPress", true)));

        ConsentState changed = changeConsents(story.manageToken(), Map.of("shareWithPress", false, "quoteInCampaigns", true))
                .expectStatus().isOk()
                .expectBody(ConsentState.class).returnResult().getResponseBody();

        assertThat(changed).isEqualTo(new ConsentState(true, true, false, false));
        assertThat(ledger(story.id())).containsExactlyInAnyOrder("PUBLISH_ON_SITE=true", "QUOTE_IN_CAMPAIGNS=false",
                "SHARE_WITH_PRESS=true", "CONTACT=false", "SHARE_WITH_PRESS=false", "QUOTE_IN_CAMPAIGNS=true");
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange()
                .expectBody().jsonPath("$.consents.quoteInCampaigns").isEqualTo(true);
    }

    @Test
    void withdrawingContactConsentMakesKafkaForgetTheAddress() {
        SubmittedStory story = api.submit(Map.of("text", "Do not write to me after all", "language", "en",
                "contactEmail", "author-" + UUID.randomUUID() + "@example.org", "contactConsent", true));

        changeConsents(story.manageToken(), Map.of("contact", false)).expectStatus().isOk();

        assertThat(KafkaRecords.read(Topics.STORY_CONTACTS,
                record -> story.id().toString().equals(record.key()) && record.value() == null, 1, Duration.ofSeconds(30)))
                .hasSize(1);
        assertThat(api.managed(story.manageToken()).consents().contact()).isFalse();
    }

    @Test
    void contactConsentCannotBeGivenAfterwards() {
        SubmittedStory story = api.submit(Map.of("text", "No contact", "language", "en"));

        changeConsents(story.manageToken(), Map.of("contact", true))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contact");
        assertThat(ledger(story.id())).hasSize(4);
    }

    @Test
    void revokingConsentToPublishAPublishedStoryPointsToWithdrawal() {
        SubmittedStory story = api.submit("Published with consent", "en");
        api.publish(story.id());

        changeConsents(story.manageToken(), Map.of("publishOnSite", false, "shareWithPress", true))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("withdraw"));
        assertThat(api.managed(story.manageToken()).consents()).isEqualTo(new ConsentState(true, false, false, false));
    }

    @Test
    void consentChangeWithAWrongTokenIsTheSameNotFound() {
        http.put().uri("/api/stories/manage/consents").header(ManageToken.HEADER, ManageToken.generate())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("shareWithPress", true)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No story matches this manage link.");
    }

    @Test
    void consentOfTheWrongTypeIsRefusedNamingTheField() {
        SubmittedStory story = api.submit("Typed consent", "en");

        changeConsents(story.manageToken(), Map.of("shareWithPress", List.of("yes")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("shareWithPress");
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "ok", "language", "en", "consents", Map.of("publishOnSite", Map.of("a", 1))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("consents.publishOnSite");
    }

    @Test
    void consentLedgerCannotBeRewritten() {
        SubmittedStory story = api.submit("Ledger", "en");

        assertThatThrownBy(() -> db.sql("update story_consent set granted = true where story_id = :id")
                .bind("id", story.id()).then().block()).hasMessageContaining("append-only");
    }

    private WebTestClient.ResponseSpec changeConsents(String token, Map<String, ?> change) {
        return http.put().uri("/api/stories/manage/consents").header(ManageToken.HEADER, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange();
    }

    private List<String> ledger(UUID id) {
        return db.sql("select purpose || '=' || granted as entry from story_consent where story_id = :id")
                .bind("id", id).map(row -> row.get("entry", String.class)).all().collectList().block();
    }
}
