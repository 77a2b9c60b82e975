package org.chorus.notifications.campaign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.TestPropertySource;

/**
 * notifications-service on real PostgreSQL, Kafka and SMTP, in a database and dispatch consumer group of its own.
 * Campaigns go to every confirmed subscriber in the database, so they must not meet the subscribers other features'
 * tests leave behind (nor those tests the campaign mails); every campaign test class shares this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@NotificationsIntegrationTest
@AutoConfigureWebTestClient
@TestPropertySource(properties = {
        "chorus.test.database=notifications_campaigns",
        "chorus.campaigns.dispatch-group=notifications-dispatch-campaigns"})
@interface CampaignIntegrationTest {
}
