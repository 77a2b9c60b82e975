package org.chorus.notifications.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.privacy.EmailVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A sending campaign pauses itself when too many of its mails fail or draw complaints, says why (stored, and in the
 * campaign the API returns), and after a resume is judged on the mail sent since. On the old code the campaigns below
 * went on to the end whatever came back.
 */
@NotificationsIntegrationTest
@Import(SinkMailConfiguration.class)
@DirtiesContext
@TestPropertySource(properties = {
        "chorus.test.database=notifications_campaign_limits",
        "chorus.campaigns.dispatch-group=notifications-dispatch-limits",
        "chorus.campaigns.loop-interval=100ms",
        "chorus.campaigns.limits-check-every=100ms",
        "chorus.campaigns.pause-after-at-least=10",
        "chorus.campaigns.pause-at-failure-ratio=0.2",
        "chorus.campaigns.pause-at-complaint-ratio=0.1",
        "chorus.campaigns.send-chunk=2"})
class CampaignLimitsIT {

    @Autowired
    Campaigns campaigns;

    @Autowired
    DeliveryLoop loop;

    @Autowired
    SendRateCap cap;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    CampaignFixtures fixtures;

    @BeforeEach
    void freshAudience() {
        fixtures = new CampaignFixtures(db, vault);
        fixtures.reset(listeners);
    }

    @Test
    void aCampaignWhoseMailBouncesPausesItselfSaysWhyAndIsJudgedAfreshWhenResumed() {
        // 30 subscribers, half of them refused by the server (550): far over a 20 % limit
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String email = (i % 2 == 0 ? "gone-" : "fine-") + i + "-" + UUID.randomUUID() + "@example.org";
            fixtures.subscriber(email, "en");
            emails.add(email);
        }
        // a slow cap, so the judgement comes while most of the audience still waits
        cap.set(4, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Limits")).block().id();
        campaigns.sendNow(campaign).block();

        await().atMost(CampaignFixtures.DELIVERY).until(() -> "paused".equals(fixtures.status(campaign)));
        Campaigns.Campaign paused = campaigns.find(campaign).block();
        assertThat(paused.pausedReason()).startsWith("Paused automatically: ").contains("failed or bounced")
                .contains("over the limit of 20%");
        long attempted = fixtures.inState(campaign, "sent") + fixtures.inState(campaign, "bounced");
        assertThat(attempted).isBetween(10L, 29L);
        assertThat(fixtures.inState(campaign, "queued")).isPositive();

        // resumed: the reason goes, and the 30 % still to send is judged on its own (at most 20 mails, half bad: it
        // pauses again only after 10 more tries, so a resume is never undone by the mail that caused the pause)
        cap.set(null, null).block();
        Campaigns.Campaign resumed = campaigns.resume(campaign).block();
        assertThat(resumed.pausedReason()).isNull();
        assertThat(resumed.status()).isEqualTo("sending");
        await().atMost(CampaignFixtures.DELIVERY).until(() -> !"sending".equals(fixtures.status(campaign)));
    }

    @Test
    void complaintsOverTheirLimitPauseACampaignThatOtherwiseGoesWell() {
        for (int i = 0; i < 40; i++) {
            fixtures.subscriber("fine-" + i + "-" + UUID.randomUUID() + "@example.org", "en");
        }
        cap.set(4, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Complaints")).block().id();
        campaigns.sendNow(campaign).block();
        // the first mails out draw spam complaints, as the bounce mailbox would record them
        await().atMost(CampaignFixtures.DELIVERY).until(() -> fixtures.inState(campaign, "sent") >= 4);
        db.sql("""
                        update campaign_delivery set complained_at = now()
                        where campaign_id = :id and state = 'sent'""")
                .bind("id", campaign).then().block();

        await().atMost(CampaignFixtures.DELIVERY).until(() -> "paused".equals(fixtures.status(campaign)));
        assertThat(campaigns.find(campaign).block().pausedReason()).contains("reported as spam")
                .contains("over the limit of 10%");
    }

    @Test
    void aCampaignWithinItsLimitsIsNeverPaused() {
        for (int i = 0; i < 12; i++) {
            fixtures.subscriber((i == 0 ? "gone-" : "fine-") + i + "-" + UUID.randomUUID() + "@example.org", "en");
        }
        cap.set(null, null).block();
        UUID campaign = campaigns.create(CampaignFixtures.content("Fine")).block().id();
        campaigns.sendNow(campaign).block();
        await().atMost(CampaignFixtures.DELIVERY).until(() -> "completed".equals(fixtures.status(campaign)));
        assertThat(campaigns.find(campaign).block().pausedReason()).isNull();
        assertThat(fixtures.inState(campaign, "bounced")).isEqualTo(1);
    }
}
