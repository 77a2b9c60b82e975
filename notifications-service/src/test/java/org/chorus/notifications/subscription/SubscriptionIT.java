package org.chorus.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.chorus.notifications.subscription.SubscriptionApi.address;
import static org.chorus.notifications.subscription.SubscriptionApi.awaitMails;
import static org.chorus.notifications.subscription.SubscriptionApi.body;
import static org.chorus.notifications.subscription.SubscriptionApi.link;
import static org.chorus.notifications.subscription.SubscriptionApi.mailsTo;
import static org.chorus.notifications.subscription.SubscriptionApi.pathOf;
import static org.chorus.notifications.subscription.SubscriptionApi.request;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.DatabaseDump;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.PrivacyProperties;
import org.chorus.notifications.privacy.SignedLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@NotificationsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    SignedLinks links;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    MailLinks mailLinks;

    @Autowired
    JsonMapper json;

    @Autowired
    PrivacyProperties keys;

    @Autowired
    BlindIndexRotation rotation;

    SubscriptionApi api;

    @BeforeEach
    void api() {
        api = new SubscriptionApi(http);
    }

    @Test
    void signUpGetsOnlyAConfirmationMailAndStaysPendingUntilTheLinkIsFollowed() {
        String email = address();

        api.subscribe(request(email, "en", List.of("anniversary", "help-near-me"), "10001")).expectStatus().isAccepted()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore());

        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Confirm your subscription to Chorus");
        assertThat(body(mail)).contains("#MeToo anniversary updates").contains("new help near ZIP code 10001")
                .contains("1-800-656-4673").contains("48 hours");
        assertThat(link(mail, "confirm")).isNotBlank();
        assertThat(link(mail, "preferences")).isNotBlank();
        assertThat(status(email)).isEqualTo("pending");
        assertThat(consents(idOf(email))).isEmpty();
        // give a wrongly sent second mail every chance to arrive before counting
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void aBrowserFollowingAMailLinkIsSentToTheSitesPageWithTheTokenInTheFragmentAndNothingIsConfirmedYet() {
        String email = address();
        api.subscribed(email);
        MimeMessage mail = awaitMails(email, 1).get(0);
        String confirm = link(mail, "confirm");
        String token = confirm.substring(confirm.indexOf("token=") + "token=".length());

        http.get().uri(confirm).accept(MediaType.TEXT_HTML, MediaType.ALL).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/subscription.html#confirm=" + token);
        assertThat(status(email)).isEqualTo("pending");
        http.get().uri(link(mail, "preferences")).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location)
                        .startsWith("/subscription.html#preferences="));
    }

    /** Issue 12 item 10: a mail scanner fetching the link with any Accept (or none) must not confirm. */
    @Test
    void noGetOfAMailLinkChangesAnythingWhateverItAccepts() {
        String email = address();
        api.subscribed(email);
        MimeMessage mail = awaitMails(email, 1).get(0);
        String confirm = link(mail, "confirm");
        String token = confirm.substring(confirm.indexOf("token=") + "token=".length());

        for (String accept : new String[] {"*/*", "application/json", null, "text/html"}) {
            WebTestClient.RequestHeadersSpec<?> get = http.get().uri(confirm);
            if (accept != null) {
                get = get.header(HttpHeaders.ACCEPT, accept);
            }
            get.exchange().expectStatus().isSeeOther()
                    .expectHeader().valueEquals(HttpHeaders.LOCATION, "/subscription.html#confirm=" + token);
            assertThat(status(email)).as("after GET with Accept %s", accept).isEqualTo("pending");
        }
        assertThat(consents(idOf(email))).isEmpty();

        // the unsubscribe links only ever act on POST: a GET on either leaves the sign-up where it was
        String preferences = link(mail, "preferences");
        String oneClick = preferences.replace("/preferences?", "/unsubscribe?");
        http.get().uri(oneClick).header(HttpHeaders.ACCEPT, "*/*").exchange()
                .expectStatus().value(code -> assertThat(code).isNotIn(200, 204));
        http.get().uri(preferences.replace("/preferences?", "/preferences/unsubscribe?")).exchange()
                .expectStatus().value(code -> assertThat(code).isNotIn(200, 204));
        http.get().uri(preferences).header(HttpHeaders.ACCEPT, "*/*").exchange().expectStatus().isOk();
        assertThat(status(email)).isEqualTo("pending");
        assertThat(count("select count(*) as n from subscriber where id = :id", idOf(email))).isOne();
    }

    @Test
    void confirmingRecordsWhatWasAgreedToWhenAndInWhichWordingAndNothingAboutTheClient() {
        String email = address();
        api.subscribe(request(email, "es", List.of("anniversary", "help-near-me"), "10001")).expectStatus().isAccepted();
        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Confirma tu suscripción a Chorus");

        http.post().uri(link(mail, "confirm")).header("User-Agent", "ProbeAgent/1.0").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("confirmed")
                .jsonPath("$.email").isEqualTo("s***@e***.org")
                .jsonPath("$.language").isEqualTo("es")
                .jsonPath("$.topics.length()").isEqualTo(2);
        http.post().uri(link(mail, "confirm")).exchange().expectStatus().isOk();

        UUID id = idOf(email);
        List<Map<String, Object>> consents = consents(id);
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0)).containsEntry("action", "confirmed").containsEntry("language", "es")
                .containsEntry("wording_version", "subscribe-2026-11-es");
        assertThat((String[]) consents.get(0).get("topics")).containsExactly("anniversary", "help-near-me");
        assertThat(consents.get(0).get("recorded_at")).isNotNull();
        assertThat(columns("subscription_consent")).containsExactlyInAnyOrder(
                "id", "subscriber_id", "action", "topics", "language", "wording_version", "recorded_at");
        assertThat(DatabaseDump.of(db)).doesNotContain("probeagent");
    }

    @Test
    void subscribingAnAddressAgainAnswersExactlyAsForANewAddressAndChangesNothingConfirmed() {
        String email = address();
        EntityExchangeResult<String> first = answer(request(email, "en", List.of("anniversary"), null));
        EntityExchangeResult<String> whilePending = answer(request(email, "en", List.of("anniversary"), null));
        MimeMessage confirmation = awaitMails(email, 1).get(0);
        http.post().uri(link(confirmation, "confirm")).exchange().expectStatus().isOk();
        EntityExchangeResult<String> whileConfirmed = answer(request(email, "es", List.of("anniversary"), null));
        EntityExchangeResult<String> brandNew = answer(request(address(), "en", List.of("anniversary"), null));

        for (EntityExchangeResult<String> answer : List.of(whilePending, whileConfirmed, brandNew)) {
            assertThat(answer.getStatus()).isEqualTo(first.getStatus());
            assertThat(answer.getResponseBody()).isEqualTo(first.getResponseBody());
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(first.getResponseHeaders().getContentType());
        }
        // within the resend interval the address got one mail, however often the form was sent
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(language(email)).isEqualTo("en");
    }

    /** The development profile runs mid-rotation: a previous blind-index key is configured beside the current one. */
    @Test
    void aSubscriberIndexedUnderThePreviousBlindIndexKeyIsFoundAndReindexedNotSignedUpTwice() {
        String email = address();
        api.confirmed(email);
        UUID id = idOf(email);
        EmailVault beforeRotation = underThePreviousKey();
        db.sql("update subscriber set email_blind_index = :previous where id = :id")
                .bind("previous", beforeRotation.blindIndex(email)).bind("id", id).then().block();
        outsideResendInterval(id);

        api.subscribe(request(email.toUpperCase(), "es", List.of("anniversary"), null)).expectStatus().isAccepted();

        assertThat(idOf(email)).isEqualTo(id);
        assertThat(status(email)).isEqualTo("confirmed");
        assertThat(db.sql("select count(*) from subscriber where email_blind_index = :previous")
                .bind("previous", beforeRotation.blindIndex(email)).map(row -> row.get(0, Long.class)).one().block())
                .isZero();
        assertThat(subject(awaitMails(email, 2).get(1))).isEqualTo("You are already subscribed to Chorus");
    }

    @Test
    void aRotationPassMovesEverySubscriberStillIndexedUnderThePreviousKeyWithoutTheirSigningUpAgain() {
        String email = address();
        api.confirmed(email);
        UUID id = idOf(email);
        byte[] previous = underThePreviousKey().blindIndex(email);
        db.sql("update subscriber set email_blind_index = :previous where id = :id")
                .bind("previous", previous).bind("id", id).then().block();

        assertThat(rotation.reindexAll().block()).isGreaterThanOrEqualTo(1);

        assertThat(idOf(email)).isEqualTo(id);
        assertThat(rotation.reindexAll().block()).isZero();
    }

    private EmailVault underThePreviousKey() {
        return new EmailVault(new PrivacyProperties(keys.emailKeys(), keys.activeEmailKeyId(),
                keys.previousBlindIndexKey(), null, keys.linkKey(), null));
    }

    @Test
    void pendingSignUpSentAgainAfterTheIntervalGetsANewConfirmationListingTheNewChoice() {
        String email = address();
        api.subscribed(email);
        awaitMails(email, 1);
        // within the interval the second form changes nothing, so the first mail still lists what its link confirms
        api.subscribe(request(email, "es", List.of("help-near-me"), "60601")).expectStatus().isAccepted();
        assertThat(language(email)).isEqualTo("en");
        outsideResendInterval(email);

        api.subscribe(request(email, "es", List.of("help-near-me"), "60601")).expectStatus().isAccepted();

        MimeMessage second = awaitMails(email, 2).get(1);
        assertThat(subject(second)).isEqualTo("Confirma tu suscripción a Chorus");
        assertThat(body(second)).contains("60601").doesNotContain("aniversario");
        assertThat(status(email)).isEqualTo("pending");
        assertThat(language(email)).isEqualTo("es");
    }

    @Test
    void unsubscribedAddressThatSignsUpAgainStartsOverWithDoubleOptIn() {
        String email = address();
        String preferences = api.confirmed(email);
        http.post().uri(preferences.replace("/preferences?", "/preferences/unsubscribe?")).exchange()
                .expectStatus().isNoContent();
        outsideResendInterval(email);

        api.subscribed(email);

        MimeMessage confirmation = awaitMails(email, 2).get(1);
        assertThat(subject(confirmation)).isEqualTo("Confirm your subscription to Chorus");
        assertThat(status(email)).isEqualTo("pending");
        http.post().uri(link(confirmation, "confirm")).exchange().expectStatus().isOk();
        assertThat(status(email)).isEqualTo("confirmed");
        assertThat(consents(idOf(email))).extracting(consent -> consent.get("action"))
                .containsExactly("confirmed", "unsubscribed", "confirmed");
    }

    @Test
    void oneClickAlsoWorksAsAMultipartForm() {
        String email = address();
        api.confirmed(email);
        String oneClick = pathOf(mailLinks.oneClickUnsubscribeUrl(idOf(email)));
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("List-Unsubscribe", "One-Click");

        http.post().uri(oneClick).body(BodyInserters.fromMultipartData(form.build()))
                .exchange().expectStatus().is2xxSuccessful();

        assertThat(status(email)).isEqualTo("unsubscribed");
    }

    @Test
    void confirmedSubscriberWhoSignsUpAgainIsToldSoWithTheOneClickHeadersAndThatPostUnsubscribesAtOnce() {
        String email = address();
        api.confirmed(email);
        outsideResendInterval(email);

        api.subscribed(email);
        MimeMessage notice = awaitMails(email, 2).get(1);
        assertThat(subject(notice)).isEqualTo("You are already subscribed to Chorus");
        assertThat(body(notice)).contains("/api/subscriptions/preferences?token=");

        String listUnsubscribe = header(notice, "List-Unsubscribe");
        assertThat(header(notice, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(listUnsubscribe).matches(
                "<http://localhost:8080/api/subscriptions/unsubscribe\\?token=[A-Za-z0-9_.-]+>, "
                        + "<mailto:unsubscribe@chorus\\.invalid\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>");
        String oneClick = pathOf(listUnsubscribe.substring(1, listUnsubscribe.indexOf('>')));

        // a link scanner's GET must not unsubscribe anyone
        http.get().uri(oneClick).exchange().expectStatus().is4xxClientError();
        http.post().uri(oneClick).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("List-Unsubscribe=Yes")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("List-Unsubscribe");
        assertThat(status(email)).isEqualTo("confirmed");

        // exactly what a mailbox provider sends: no cookie, no CSRF token, no session
        http.post().uri(oneClick).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("List-Unsubscribe=One-Click")
                .exchange().expectStatus().is2xxSuccessful();

        assertThat(status(email)).isEqualTo("unsubscribed");
        assertThat(consents(idOf(email))).last().satisfies(consent -> assertThat(consent)
                .containsEntry("action", "unsubscribed").containsEntry("wording_version", "one-click-unsubscribe-rfc8058"));
        // a second click (some providers retry) is just as fine
        http.post().uri(oneClick).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("List-Unsubscribe=One-Click").exchange().expectStatus().is2xxSuccessful();
    }

    @Test
    void preferenceCentreShowsTheAddressMaskedAndChangesLanguageTopicsZipAndPause() {
        String email = address();
        String preferences = api.confirmed(email);
        String pausedUntil = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

        String shown = http.get().uri(preferences).exchange().expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(shown).contains("\"s***@e***.org\"").doesNotContain(email).doesNotContain(email.substring(0, 15));

        http.put().uri(preferences).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("language", "es", "topics", List.of("help-near-me"), "zip", "94110",
                        "pausedUntil", pausedUntil))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.language").isEqualTo("es")
                .jsonPath("$.topics[0]").isEqualTo("help-near-me")
                .jsonPath("$.zip").isEqualTo("94110")
                .jsonPath("$.pausedUntil").isEqualTo(pausedUntil);

        Map<String, Object> row = db.sql("select language, topics, help_zip, paused_until from subscriber where id = :id")
                .bind("id", idOf(email)).fetch().one().block();
        assertThat(row).containsEntry("language", "es").containsEntry("help_zip", "94110")
                .containsEntry("paused_until", LocalDate.parse(pausedUntil));
        assertThat(consents(idOf(email))).last().satisfies(consent -> assertThat(consent)
                .containsEntry("action", "changed").containsEntry("wording_version", "preferences-2026-11-es"));

        // back to no pause
        http.put().uri(preferences).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("language", "es", "topics", List.of("anniversary")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.pausedUntil").doesNotExist();

        http.post().uri(preferences.replace("/preferences?", "/preferences/unsubscribe?")).exchange()
                .expectStatus().isNoContent();
        assertThat(status(email)).isEqualTo("unsubscribed");
    }

    @Test
    void preferenceChangesThatBreakARuleNameTheFieldAndChangeNothing() {
        String email = address();
        String preferences = api.confirmed(email);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String inTwoYears = LocalDate.now(ZoneOffset.UTC).plusYears(2).toString();

        invalidChange(preferences, Map.of("language", "en", "topics", List.of("anniversary"), "pausedUntil", yesterday),
                "pausedUntil");
        invalidChange(preferences, Map.of("language", "en", "topics", List.of("anniversary"), "pausedUntil", inTwoYears),
                "pausedUntil");
        invalidChange(preferences, Map.of("language", "en", "topics", List.of("anniversary"), "pausedUntil", "soon"),
                "pausedUntil");
        invalidChange(preferences, Map.of("language", "en", "topics", List.of("help-near-me")), "zip");
        invalidChange(preferences, Map.of("language", "en", "topics", List.of()), "topics");
        invalidChange(preferences, Map.of("language", "de", "topics", List.of("anniversary")), "language");

        assertThat(language(email)).isEqualTo("en");
        assertThat(consents(idOf(email))).hasSize(1);
    }

    @Test
    void unsubscribingAPendingSignUpFromItsConfirmationMailDeletesIt() {
        String email = address();
        api.subscribed(email);
        MimeMessage confirmation = awaitMails(email, 1).get(0);
        UUID id = idOf(email);

        http.post().uri(link(confirmation, "preferences").replace("/preferences?", "/preferences/unsubscribe?"))
                .exchange().expectStatus().isNoContent();

        assertThat(count("select count(*) as n from subscriber where id = :id", id)).isZero();
        http.post().uri(link(confirmation, "confirm")).exchange().expectStatus().isNotFound();
    }

    @Test
    void erasingLeavesNoRowCiphertextOrBlindIndexOfTheAddressInAnyTable() {
        String email = address();
        String preferences = api.confirmed(email);
        UUID id = idOf(email);
        Map<String, Object> sealed = db.sql("select email_ciphertext, email_blind_index from subscriber where id = :id")
                .bind("id", id).fetch().one().block();
        String ciphertext = DatabaseDump.hex(bytes(sealed.get("email_ciphertext")));
        String blindIndex = DatabaseDump.hex(bytes(sealed.get("email_blind_index")));
        assertThat(DatabaseDump.of(db)).contains(ciphertext).contains(blindIndex);

        http.delete().uri(preferences).exchange().expectStatus().isNoContent();

        String dump = DatabaseDump.of(db);
        assertThat(dump).doesNotContain(ciphertext).doesNotContain(blindIndex).doesNotContain(id.toString())
                .doesNotContain(email.toLowerCase());
        http.get().uri(preferences).exchange().expectStatus().isNotFound();
        http.delete().uri(preferences).exchange().expectStatus().isNotFound();
    }

    @Test
    void unconfirmedSignUpsAreDeletedForRealOnceTheirWindowHasPassed() {
        String pending = address();
        String confirmed = address();
        api.subscribed(pending);
        api.confirmed(confirmed);
        MimeMessage confirmation = awaitMails(pending, 1).get(0);
        UUID pendingId = idOf(pending);
        UUID confirmedId = idOf(confirmed);
        db.sql("update subscriber set created_at = now() - interval '49 hours' where id in (:ids)")
                .bind("ids", List.of(pendingId, confirmedId)).then().block();

        assertThat(subscriptions.purgeExpired().block()).isGreaterThanOrEqualTo(1L);

        assertThat(count("select count(*) as n from subscriber where id = :id", pendingId)).isZero();
        assertThat(count("select count(*) as n from subscriber_mail where subscriber_id = :id", pendingId)).isZero();
        assertThat(status(confirmed)).isEqualTo("confirmed");
        http.post().uri(link(confirmation, "confirm")).exchange().expectStatus().isNotFound();
    }

    @Test
    void forgedExpiredMalformedAndMisusedLinksAllGetOneIdenticalNotFound() {
        String email = address();
        api.confirmed(email);
        UUID id = idOf(email);
        Instant later = Instant.now().plus(Duration.ofDays(1));
        String good = links.sign(id, MailLinks.PREFERENCES, later);
        List<String> bad = new ArrayList<>(List.of(
                links.sign(id, MailLinks.PREFERENCES, Instant.now().minusSeconds(1)),
                links.sign(id, MailLinks.CONFIRM, later),
                links.sign(UUID.randomUUID(), MailLinks.PREFERENCES, later),
                good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA"),
                "", "abc", "abc.def", "<script>alert(1)</script>", "' or 1=1 --", "ünïcødé.ünïcødé", "A".repeat(5000)));

        String confirmToken = bad.get(1);
        JsonNode reference = null;
        for (String token : bad) {
            for (String method : List.of("GET", "PUT", "DELETE", "UNSUBSCRIBE", "CONFIRM")) {
                if (method.equals("CONFIRM") && token.equals(confirmToken)) {
                    continue;
                }
                JsonNode problem = json.readTree(badLink(method, token));
                ((ObjectNode) problem).remove("instance");
                if (reference == null) {
                    reference = problem;
                }
                assertThat(problem).as(method + " " + token).isEqualTo(reference);
            }
        }
        assertThat(reference.get("status").asInt()).isEqualTo(404);
        // a request with no token at all is answered the same way
        http.get().uri("/api/subscriptions/preferences").exchange().expectStatus().isNotFound();
        assertThat(status(email)).isEqualTo("confirmed");
    }

    @Test
    void theAddressNeverRestsInPlainTextAndNeverReachesTheLogs(CapturedOutput logs) {
        String probe = "capture-probe-" + UUID.randomUUID();
        LoggerFactory.getLogger(SubscriptionIT.class).info("{}", probe);
        String local = "Log-Probe-" + UUID.randomUUID();
        String email = local + "@Example.org";

        String preferences = api.confirmed(email);
        outsideResendInterval(email);
        api.subscribed(email);
        awaitMails(email, 2);
        http.get().uri(preferences).exchange().expectStatus().isOk();
        api.subscribe(request(email + ">", "en", List.of("anniversary"), null)).expectStatus().isBadRequest();
        assertThat(DatabaseDump.of(db)).doesNotContain(local.toLowerCase()).doesNotContain(email.toLowerCase());

        http.delete().uri(preferences).exchange().expectStatus().isNoContent();

        assertThat(logs.getAll()).as("logs are captured").contains(probe);
        assertThat(logs.getAll().toLowerCase()).doesNotContain(local.toLowerCase());
    }

    @Test
    void theSubscriptionApiIsPublishedInTheApiDescription() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/subscriptions'].post").exists()
                .jsonPath("$.paths['/api/subscriptions/confirm'].get").exists()
                .jsonPath("$.paths['/api/subscriptions/confirm'].post").exists()
                .jsonPath("$.paths['/api/subscriptions/preferences'].get").exists()
                .jsonPath("$.paths['/api/subscriptions/preferences'].put").exists()
                .jsonPath("$.paths['/api/subscriptions/preferences'].delete").exists()
                .jsonPath("$.paths['/api/subscriptions/preferences/unsubscribe'].post").exists()
                .jsonPath("$.paths['/api/subscriptions/unsubscribe'].post").exists();
    }

    private EntityExchangeResult<String> answer(Object body) {
        return api.subscribe(body).expectStatus().isAccepted().expectBody(String.class).returnResult();
    }

    private String badLink(String method, String token) {
        WebTestClient.ResponseSpec response = switch (method) {
            case "GET" -> http.get().uri("/api/subscriptions/preferences?token={t}", token).exchange();
            case "PUT" -> http.put().uri("/api/subscriptions/preferences?token={t}", token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("language", "en", "topics", List.of("anniversary"))).exchange();
            case "DELETE" -> http.delete().uri("/api/subscriptions/preferences?token={t}", token).exchange();
            case "CONFIRM" -> http.post().uri("/api/subscriptions/confirm?token={t}", token).exchange();
            default -> http.post().uri("/api/subscriptions/unsubscribe?token={t}", token)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("List-Unsubscribe=One-Click").exchange();
        };
        return response.expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void invalidChange(String preferences, Map<String, Object> change, String field) {
        http.put().uri(preferences).contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** Moves the address's last mail back in time, as if the resend interval had passed. */
    private void outsideResendInterval(String email) {
        outsideResendInterval(idOf(email));
    }

    private void outsideResendInterval(UUID subscriber) {
        db.sql("update subscriber_mail set queued_at = queued_at - interval '1 hour' where subscriber_id = :id")
                .bind("id", subscriber).then().block();
    }

    private UUID idOf(String email) {
        return db.sql("select id from subscriber where email_blind_index = :index")
                .bind("index", vault.blindIndex(email)).map(row -> row.get("id", UUID.class)).one().block();
    }

    private String status(String email) {
        return db.sql("select status from subscriber where email_blind_index = :index")
                .bind("index", vault.blindIndex(email)).map(row -> row.get("status", String.class)).one().block();
    }

    private String language(String email) {
        return db.sql("select language from subscriber where email_blind_index = :index")
                .bind("index", vault.blindIndex(email)).map(row -> row.get("language", String.class)).one().block();
    }

    private List<Map<String, Object>> consents(UUID id) {
        return db.sql("""
                        select action, topics, language, wording_version, recorded_at from subscription_consent
                        where subscriber_id = :id order by recorded_at""")
                .bind("id", id).fetch().all().collectList().block();
    }

    private List<String> columns(String table) {
        return db.sql("select column_name as name from information_schema.columns where table_name = :table")
                .bind("table", table).map(row -> row.get("name", String.class)).all().collectList().block();
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> row.get("n", Long.class)).one().block();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        java.nio.ByteBuffer buffer = ((java.nio.ByteBuffer) value).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }
}
