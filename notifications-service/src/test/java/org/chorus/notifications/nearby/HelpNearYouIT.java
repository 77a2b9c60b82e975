package org.chorus.notifications.nearby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.chorus.notifications.subscription.SubscriptionApi.address;
import static org.chorus.notifications.subscription.SubscriptionApi.awaitMails;
import static org.chorus.notifications.subscription.SubscriptionApi.body;
import static org.chorus.notifications.subscription.SubscriptionApi.link;
import static org.chorus.notifications.subscription.SubscriptionApi.mailsTo;
import static org.chorus.notifications.subscription.SubscriptionApi.request;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.ResourcePublished;
import org.chorus.contracts.ResourceUpdated;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.BounceMailboxServer;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.mail.BounceMailbox;
import org.chorus.notifications.mail.BounceMailbox.Outcome;
import org.chorus.notifications.mail.Reports;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.subscription.SubscriptionApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * "New help near you" from real directory events on Kafka to a real SMTP server: the subscribers near a new or
 * reopened service hear of it once, in their language, with the hotlines and a way out; nobody twice in a week.
 */
@NotificationsIntegrationTest
class HelpNearYouIT {

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @Autowired
    HelpNearYou helpNearYou;

    @Autowired
    ZipAreas zips;

    @Autowired
    BounceMailbox mailbox;

    @Autowired
    EmailVault vault;

    @Test
    void subscribersNearANewServiceHearOfItOnceAWeekInTheirLanguage() throws Exception {
        String near = confirmed("en", "10001");
        String nearInSpanish = confirmed("es", "10002");
        String far = confirmed("en", "94103");
        String notAsked = confirmedAnniversaryOnly();
        UUID counselling = UUID.randomUUID();
        String name = "DEMO Midtown Counselling " + counselling;
        double[] midtown = zips.centre("10001").orElseThrow();
        ResourcePublished added = new ResourcePublished(UUID.randomUUID(), Instant.now(), counselling, name, "10001",
                List.of("counselling"), "active", midtown[0], midtown[1]);

        publish(added);
        publish(added); // redelivered: applied once
        await().atMost(Duration.ofSeconds(30)).until(() -> isNews(counselling));
        assertThat(processed(added.eventId())).isEqualTo(1);
        helpNearYou.queueOnce().block();

        MimeMessage mail = awaitMails(near, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("New help near you");
        assertThat(body(mail)).contains(name).contains("(Counselling)").contains("ZIP 10001")
                .contains("1-800-656-4673").contains("988").contains("/help.html")
                .doesNotContain(String.valueOf(midtown[0]));
        assertThat(link(mail, "unsubscribe")).isNotBlank();
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        MimeMessage spanish = awaitMails(nearInSpanish, 2).get(1);
        assertThat(spanish.getSubject()).isEqualTo("Nueva ayuda cerca de ti");
        assertThat(body(spanish)).contains(name).contains("(Consejería)").contains("código postal 10001");

        // reopened the same week: no second mail
        UUID legal = UUID.randomUUID();
        publish(new ResourceUpdated(UUID.randomUUID(), Instant.now(), legal, "DEMO Chelsea Legal " + legal, "10011",
                List.of("legal-advocacy"), "active", true, zips.centre("10011").orElseThrow()[0],
                zips.centre("10011").orElseThrow()[1]));
        await().atMost(Duration.ofSeconds(30)).until(() -> isNews(legal));
        helpNearYou.queueOnce().block();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(near).size() == 2);

        // a week later the reopened service is news, the one already mailed is not
        db.sql("update help_near_you_mail set queued_at = queued_at - interval '8 days'").then().block();
        db.sql("update nearby_service set announced_at = announced_at - interval '8 days'").then().block();
        helpNearYou.queueOnce().block();
        MimeMessage second = awaitMails(near, 3).get(2);
        assertThat(body(second)).contains("DEMO Chelsea Legal " + legal).doesNotContain(name);

        assertThat(mailsTo(far)).hasSize(1); // the confirmation only
        assertThat(mailsTo(notAsked)).hasSize(1);
    }

    @Test
    void aServiceThatClosedAgainIsNoNews() throws Exception {
        UUID shelter = UUID.randomUUID();
        double[] loop = zips.centre("60601").orElseThrow();
        publish(new ResourcePublished(UUID.randomUUID(), Instant.now(), shelter, "DEMO Loop Shelter " + shelter,
                "60601", List.of("shelter"), "active", loop[0], loop[1]));
        publish(new ResourceUpdated(UUID.randomUUID(), Instant.now(), shelter, "DEMO Loop Shelter " + shelter,
                "60601", List.of("shelter"), "temporarily closed", false, loop[0], loop[1]));
        await().atMost(Duration.ofSeconds(30)).until(() -> !isNews(shelter) && known(shelter));
        // subscribed once both events are in: the loop running in the background between them (the service news
        // for a moment) must not count, only what a reader of the directory would see now
        String near = confirmed("en", "60601");

        helpNearYou.queueOnce().block();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(near).size() == 1);
    }

    @Test
    void aComplaintAboutTheMailUnsubscribesAtOnce() throws Exception {
        mailbox.readOnce(); // whatever other tests left
        String email = confirmed("en", "30303");
        UUID counselling = UUID.randomUUID();
        double[] downtown = zips.centre("30303").orElseThrow();
        publish(new ResourcePublished(UUID.randomUUID(), Instant.now(), counselling,
                "DEMO Downtown Counselling " + counselling, "30303", List.of("counselling"), "active", downtown[0],
                downtown[1]));
        await().atMost(Duration.ofSeconds(30)).until(() -> isNews(counselling));
        helpNearYou.queueOnce().block();
        MimeMessage mail = awaitMails(email, 2).get(1);
        assertThat(mail.getMessageID()).startsWith("<chorus.h.");

        BounceMailboxServer.deliver(Reports.arf("abuse", email, mail.getMessageID()));

        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));
        assertThat(db.sql("select status from subscriber where email_blind_index = :index")
                .bind("index", vault.blindIndex(email)).map(row -> row.get("status", String.class)).one().block())
                .isEqualTo("unsubscribed");
    }

    private String confirmed(String language, String zip) {
        String email = address();
        SubscriptionApi api = new SubscriptionApi(patient());
        api.subscribe(request(email, language, List.of("help-near-me"), zip)).expectStatus().isAccepted();
        patient().post().uri(link(awaitMails(email, 1).get(0), "confirm")).exchange().expectStatus().isOk();
        return email;
    }

    /** On a busy machine a subscription can take longer than the client's 5 s default. */
    private WebTestClient patient() {
        return http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    private String confirmedAnniversaryOnly() {
        String email = address();
        new SubscriptionApi(patient()).subscribe(request(email, "en", List.of("anniversary"), null))
                .expectStatus().isAccepted();
        patient().post().uri(link(awaitMails(email, 1).get(0), "confirm")).exchange().expectStatus().isOk();
        return email;
    }

    private boolean isNews(UUID serviceId) {
        return Boolean.TRUE.equals(db.sql("select open from nearby_service where service_id = :id")
                .bind("id", serviceId).map(row -> row.get("open", Boolean.class)).one().block());
    }

    private boolean known(UUID serviceId) {
        return db.sql("select 1 from nearby_service where service_id = :id").bind("id", serviceId)
                .map(row -> 1).one().blockOptional().isPresent();
    }

    private long processed(UUID eventId) {
        return db.sql("select count(*) as n from processed_event where consumer = :consumer and event_id = :id")
                .bind("consumer", ResourceEventsListener.CONSUMER).bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private void publish(IntegrationEvent event) throws Exception {
        kafka.send(CloudEventHeaders.record(Topics.RESOURCES, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/test", event.occurredAt(),
                json.writeValueAsString(event))).get();
    }
}
