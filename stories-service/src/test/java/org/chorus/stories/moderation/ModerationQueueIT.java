package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryAuthorOfferedHelp;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.SubmittedStory;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The queue at surge speed: a moderator claims a story for a while (a lease) so two never read the same one,
 * urgent stories come first, obvious spam goes in bulk, and the queue's size, age and each moderator's pace show.
 */
@StoriesIntegrationTest
class ModerationQueueIT {

    @Autowired
    StoryApi api;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebTestClient http;

    /** Claims this test took, given back so stories other tests submit are not held by a test moderator. */
    private final Set<String> moderators = ConcurrentHashMap.newKeySet();

    @AfterEach
    void releaseClaims() {
        db.sql("update story set claimed_by = null, claim_expires_at = null where claimed_by = any (cast(:who as text[]))")
                .bind("who", moderators.toArray(String[]::new)).then().block();
    }

    private WebTestClient moderator(String name) {
        moderators.add(name);
        return api.moderator(name);
    }

    private JsonNode claimNext(String moderator, List<UUID> skip) {
        var answer = moderator(moderator).post().uri("/api/admin/stories/claims").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("skip", skip)).exchange().returnResult(JsonNode.class);
        return answer.getStatus().value() == 204 ? null : answer.getResponseBody().blockFirst();
    }

    @Test
    void aClaimedStoryIsNotOfferedToAnotherModeratorAndSaysWhoHoldsIt() {
        SubmittedStory story = api.submit("Mine to read", "en");

        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.claimedBy").isEqualTo("ana").jsonPath("$.claimExpiresAt").exists()
                .jsonPath("$.text").isEqualTo("Mine to read");

        moderator("ben").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ana is reviewing"));
        List<UUID> offeredToBen = new ArrayList<>();
        for (JsonNode next = claimNext("ben", offeredToBen); next != null && offeredToBen.size() < 300;
             next = claimNext("ben", offeredToBen)) {
            offeredToBen.add(UUID.fromString(next.get("id").asString()));
        }
        assertThat(offeredToBen).doesNotContain(story.id());
    }

    @Test
    void anotherModeratorsDecisionOnAClaimedStoryIsAConflictAndTheHoldersGoesThrough() {
        SubmittedStory story = api.submit("Held", "en");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();

        moderator("ben").post().uri("/api/admin/stories/{id}/publication", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", 0)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ana is reviewing"));
        moderator("ben").delete().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isEqualTo(409);

        moderator("ana").post().uri("/api/admin/stories/{id}/publication", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", 0)).exchange()
                .expectStatus().isOk();
        assertThat(db.sql("select claimed_by from story where id = :id").bind("id", story.id())
                .map(row -> Optional.ofNullable(row.get("claimed_by", String.class))).one().block()).isEmpty();
    }

    @Test
    void aLeaseThatRanOutCanBeTakenAndTheStaleHolderIsRefused() {
        SubmittedStory story = api.submit("Walked away", "en");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();
        db.sql("update story set claim_expires_at = now() - interval '1 second' where id = :id").bind("id", story.id())
                .then().block();

        moderator("ben").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.claimedBy").isEqualTo("ben");
        moderator("ana").post().uri("/api/admin/stories/{id}/rejection", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", 0, "reason", "late")).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void renewingOnesOwnLiveClaimExtendsItWithoutAnAuditRowAndOpensNothing() {
        SubmittedStory story = api.submit("Still reading this one", "en");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();
        // as if three minutes of reading had passed
        db.sql("update story set claim_expires_at = now() + interval '2 minutes' where id = :id").bind("id", story.id())
                .then().block();
        Instant before = claimExpiry(story.id());

        for (int renewal = 0; renewal < 3; renewal++) {
            moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).header("Prefer", "return=minimal")
                    .exchange()
                    .expectStatus().isNoContent()
                    .expectHeader().valueEquals("Preference-Applied", "return=minimal")
                    .expectBody().isEmpty();
        }

        assertThat(claimExpiry(story.id())).as("the lease runs again from now").isAfter(before.plusSeconds(60));
        assertThat(auditedActions(story.id())).as("only the first claim and the read it opened").containsExactly("CLAIMED", "VIEWED");
        moderator("ben").put().uri("/api/admin/stories/{id}/claim", story.id()).header("Prefer", "return=minimal")
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ana is reviewing"));
        moderator("ana").post().uri("/api/admin/stories/{id}/publication", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", 0)).exchange().expectStatus().isOk();
        assertThat(auditedActions(story.id())).containsExactly("CLAIMED", "VIEWED", "PUBLISHED");
    }

    @Test
    void aMinimalClaimOfAFreeStoryTakesItAndIsAuditedOnce() {
        SubmittedStory story = api.submit("Taken without reading", "en");

        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).header("Prefer", "return=minimal")
                .exchange().expectStatus().isNoContent();
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).header("Prefer", "return=minimal")
                .exchange().expectStatus().isNoContent();

        assertThat(auditedActions(story.id())).containsExactly("CLAIMED");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", UUID.randomUUID()).header("Prefer", "return=minimal")
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void theNextStoryHandedBackToTheModeratorWhoHoldsItIsNoNewClaim() {
        JsonNode first = claimNext("fay", List.of());
        if (first == null) {
            api.submit("For fay", "en");
            first = claimNext("fay", List.of());
        }
        JsonNode again = claimNext("fay", List.of());

        UUID id = UUID.fromString(first.get("id").asString());
        // a story submitted meanwhile by another test may come first; only a story handed back says something
        if (again != null && again.get("id").asString().equals(id.toString())) {
            assertThat(auditedActions(id, "fay")).as("each opening is a read").containsExactly("CLAIMED", "VIEWED", "VIEWED");
        }
    }

    private Instant claimExpiry(UUID id) {
        return db.sql("select claim_expires_at from story where id = :id").bind("id", id)
                .map(row -> row.get("claim_expires_at", Instant.class)).one().block();
    }

    private List<String> auditedActions(UUID id) {
        return db.sql("select action from moderation_audit where story_id = :id order by id").bind("id", id)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }

    private List<String> auditedActions(UUID id, String actor) {
        return db.sql("select action from moderation_audit where story_id = :id and actor = :actor order by id")
                .bind("id", id).bind("actor", actor)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }

    @Test
    void publishingWithoutAClaimWhileNobodyHoldsOneIsGuardedByTheVersionAlone() {
        SubmittedStory story = api.submit("Nobody claimed me", "en");

        api.decide(story.id(), "publication", Map.of("version", 0)).expectStatus().isOk();
        api.decide(story.id(), "rejection", Map.of("version", 0, "reason", "again")).expectStatus().isEqualTo(409);
    }

    @Test
    void releasingGivesTheStoryBackAndIsAudited() {
        SubmittedStory story = api.submit("Back you go", "en");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();

        moderator("ana").delete().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isNoContent();
        moderator("ana").delete().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isNoContent();

        moderator("ben").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();
        assertThat(db.sql("select action from moderation_audit where story_id = :id order by id").bind("id", story.id())
                .map(row -> row.get("action", String.class)).all().collectList().block())
                .containsSubsequence("CLAIMED", "VIEWED", "RELEASED", "CLAIMED", "VIEWED");
    }

    @Test
    void moderatorsClaimingAtOnceNeverGetTheSameStory() throws Exception {
        List<UUID> mine = IntStream.range(0, 24).mapToObj(i -> api.submit("Surge story " + i, "en").id()).toList();
        List<String> team = List.of("ana", "ben", "cy", "dee");
        Map<String, List<UUID>> claimed = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Void>> runs = team.stream().map(name -> CompletableFuture.runAsync(() -> {
            List<UUID> got = Collections.synchronizedList(new ArrayList<>());
            claimed.put(name, got);
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // each takes stories without deciding, as if reading slowly: every claim is live at once
            for (int i = 0; i < 60; i++) {
                JsonNode next = claimNext(name, List.copyOf(got));
                if (next == null) {
                    break;
                }
                got.add(UUID.fromString(next.get("id").asString()));
                assertThat(next.get("claimedBy").asString()).isEqualTo(name);
            }
        })).toList();
        start.countDown();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

        List<UUID> all = claimed.values().stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(all)).as("no story claimed twice").hasSameSizeAs(all);
        Set<UUID> mineClaimed = new HashSet<>(all);
        mineClaimed.retainAll(mine);
        assertThat(mineClaimed).as("every story of this test was claimed by someone").hasSize(mine.size());
    }

    @Test
    void urgentStoriesComeFirstThenTheOldest() {
        SubmittedStory ordinary = api.submit("An ordinary story, told late.", "en");
        SubmittedStory danger = api.submit("He said he is going to kill me if I tell.", "en");
        SubmittedStory warned = api.submit(Map.of("text", "I will say no more.", "language", "en",
                "contentWarnings", List.of("self-harm")));
        SubmittedStory spanish = api.submit("A veces quiero morir.", "es");

        List<String> ids = api.moderator().get().uri("/api/admin/stories?status=SUBMITTED&limit=200").exchange()
                .expectStatus().isOk().expectBodyList(QueuedStoryView.class).returnResult().getResponseBody()
                .stream().map(story -> story.id().toString()).toList();

        assertThat(ids).contains(danger.id().toString(), warned.id().toString(), spanish.id().toString());
        if (ids.contains(ordinary.id().toString())) {
            assertThat(ids.indexOf(danger.id().toString())).isLessThan(ids.indexOf(ordinary.id().toString()));
        }
        assertThat(ids.indexOf(danger.id().toString())).isLessThan(ids.indexOf(warned.id().toString()));
        assertThat(ids.indexOf(warned.id().toString())).isLessThan(ids.indexOf(spanish.id().toString()));
        api.moderator().get().uri("/api/admin/stories/{id}", danger.id()).exchange()
                .expectBody().jsonPath("$.urgent").isEqualTo(true);
        api.moderator().get().uri("/api/admin/stories/{id}", ordinary.id()).exchange()
                .expectBody().jsonPath("$.urgent").isEqualTo(false);
    }

    record QueuedStoryView(UUID id, boolean urgent) {
    }

    @Test
    void obviousSpamIsRejectedInBulkAndEachStorySaysWhatBecameOfIt() {
        SubmittedStory spam1 = api.submit("BUY CHEAP WATCHES", "en");
        SubmittedStory spam2 = api.submit("CLICK HERE NOW", "en");
        SubmittedStory held = api.submit("Someone is reading me", "en");
        moderator("ben").put().uri("/api/admin/stories/{id}/claim", held.id()).exchange().expectStatus().isOk();
        UUID gone = UUID.randomUUID();

        moderator("ana").post().uri("/api/admin/stories/bulk-rejection").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Spam.", "stories", List.of(Map.of("id", spam1.id(), "version", 0),
                        Map.of("id", spam2.id(), "version", 0), Map.of("id", held.id(), "version", 0),
                        Map.of("id", gone, "version", 0))))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].outcome").isEqualTo("REJECTED").jsonPath("$[0].version").isEqualTo(1)
                .jsonPath("$[1].outcome").isEqualTo("REJECTED")
                .jsonPath("$[2].outcome").isEqualTo("CONFLICT")
                .jsonPath("$[3].outcome").isEqualTo("NOT_FOUND");
        assertThat(api.managed(spam1.manageToken()).rejectionReason()).isEqualTo("Spam.");
        assertThat(db.sql("select count(*) as n from moderation_audit where story_id = :id and action = 'REJECTED_IN_BULK'")
                .bind("id", spam2.id()).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void theQueueShowsItsSizeItsOldestAndEachModeratorsPace() {
        SubmittedStory story = api.submit("Counted", "en");
        moderator("pace-eve").post().uri("/api/admin/stories/{id}/rejection", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", 0, "reason", "no")).exchange()
                .expectStatus().isOk();
        api.submit("Still waiting", "en");

        api.moderator().get().uri("/api/admin/stories/queue-stats").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.waiting").value(waiting -> assertThat(((Number) waiting).longValue()).isPositive())
                .jsonPath("$.oldestSubmittedAt").exists()
                .jsonPath("$.oldestWaitSeconds").value(age -> assertThat(((Number) age).longValue()).isNotNegative())
                .jsonPath("$.decisionsLastHour[?(@.moderator == 'pace-eve')].decisions").isEqualTo(List.of(1));
    }

    @Test
    void aModeratorFlagsAStoryForASecondLook() {
        SubmittedStory story = api.submit("Not sure about this one", "en");
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isOk();

        moderator("ana").post().uri("/api/admin/stories/{id}/flag", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "SAFETY_CONCERN")).exchange().expectStatus().isNoContent();

        moderator("ben").put().uri("/api/admin/stories/{id}/claim", story.id()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.openReports").isEqualTo(1)
                .jsonPath("$.openReportReasons").isEqualTo(List.of("SAFETY_CONCERN"));
        moderator("ben").delete().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isNoContent();
        List<UUID> offered = new ArrayList<>();
        for (JsonNode next = claimNext("cy", offered); next != null && offered.size() < 300; next = claimNext("cy", offered)) {
            offered.add(UUID.fromString(next.get("id").asString()));
        }
        assertThat(offered).as("a flagged story waits in the reported queue, not the waiting one").doesNotContain(story.id());
        api.moderator().get().uri("/api/admin/stories?flagged=true&limit=200").exchange()
                .expectBody().jsonPath("$[?(@.id == '%s')]".formatted(story.id())).exists();
    }

    @Test
    void theHotlinesGoToAnAuthorWhoConsentedToBeContactedAndNotToOneWhoDidNot() {
        SubmittedStory reachable = api.submit(Map.of("text", "I want to die some days.", "language", "en",
                "contactEmail", "author-" + UUID.randomUUID() + "@example.org", "contactConsent", true,
                "consents", Map.of("publishOnSite", true)));
        SubmittedStory unreachable = api.submit("I want to die some days.", "en");

        moderator("ana").post().uri("/api/admin/stories/{id}/help-offer", reachable.id()).exchange()
                .expectStatus().isAccepted();
        moderator("ana").post().uri("/api/admin/stories/{id}/help-offer", unreachable.id()).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("did not consent"));
        moderator("ana").post().uri("/api/admin/stories/{id}/help-offer", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound();

        assertThat(KafkaRecords.read(Topics.STORIES, record -> reachable.id().toString().equals(record.key())
                        && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                        .equals(Optional.of(EventTypes.typeOf(StoryAuthorOfferedHelp.class))), 1, Duration.ofSeconds(30)))
                .singleElement().satisfies(event -> assertThat(event.value()).doesNotContain("example.org"));
        assertThat(db.sql("select count(*) as n from moderation_audit where story_id = :id and action = 'HELP_OFFERED'")
                .bind("id", reachable.id()).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    static Stream<Arguments> hostileRequests() {
        Map<String, Object> tooMany = new HashMap<>();
        tooMany.put("reason", "spam");
        tooMany.put("stories", IntStream.range(0, BulkRejection.MAX + 1)
                .mapToObj(i -> Map.of("id", UUID.randomUUID(), "version", 0)).toList());
        return Stream.of(
                Arguments.of("bulk without stories", "/api/admin/stories/bulk-rejection", Map.of("reason", "x", "stories", List.of()), "stories"),
                Arguments.of("bulk without reason", "/api/admin/stories/bulk-rejection",
                        Map.of("stories", List.of(Map.of("id", UUID.randomUUID(), "version", 0))), "reason"),
                Arguments.of("bulk with too many", "/api/admin/stories/bulk-rejection", tooMany, "stories"),
                Arguments.of("bulk with a bad id", "/api/admin/stories/bulk-rejection",
                        Map.of("reason", "x", "stories", List.of(Map.of("id", "1' or '1'='1", "version", 0))), "stories"),
                Arguments.of("bulk with a NUL reason", "/api/admin/stories/bulk-rejection",
                        Map.of("reason", "a\u0000b", "stories", List.of(Map.of("id", UUID.randomUUID(), "version", 0))), "reason"),
                Arguments.of("skip list of scripts", "/api/admin/stories/claims", Map.of("skip", List.of("<script>alert(1)</script>")), "skip"),
                Arguments.of("flag without reason", "/api/admin/stories/%s/flag".formatted(UUID.randomUUID()), Map.of(), "reason"),
                Arguments.of("flag with an unknown reason", "/api/admin/stories/%s/flag".formatted(UUID.randomUUID()),
                        Map.of("reason", "ñ".repeat(5000)), "reason"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequestIsRefusedNamingTheField(String why, String path, Map<String, ?> body, String field) {
        moderator("ana").post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").value(name -> assertThat((String) name).startsWith(field));
    }

    @Test
    void claimingWhatIsNotAStoryIsAnswered() {
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", "1 or 1=1").exchange().expectStatus().isBadRequest();
        moderator("ana").put().uri("/api/admin/stories/{id}/claim", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        moderator("ana").delete().uri("/api/admin/stories/{id}/claim", UUID.randomUUID()).exchange().expectStatus().isNoContent();
        moderator("ana").post().uri("/api/admin/stories/claims").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"skip\": ").exchange().expectStatus().isBadRequest();
    }

    @Test
    void staffWithoutTheModeratorRoleCannotClaim() {
        SubmittedStory story = api.submit("Not yours", "en");

        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_campaign-manager")))
                .put().uri("/api/admin/stories/{id}/claim", story.id()).exchange().expectStatus().isForbidden();
        http.post().uri("/api/admin/stories/claims").exchange().expectStatus().isUnauthorized();
    }
}
