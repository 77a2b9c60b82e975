package org.chorus.notifications.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param confirmationWindow how long a sign-up waits for its confirmation link to be followed before it is deleted
 *                           (the link expires with it)
 * @param resendInterval     at most one mail per address per this interval, however often the form is sent: the
 *                           form must not become a way to flood someone's inbox
 * @param linkValidity       how long preference and unsubscribe links in a mail keep working; long, because people
 *                           open an anniversary mail months after it came
 * @param purgeEvery         how often an instance deletes the sign-ups whose window has passed
 * @param reindexEvery       while a blind-index key rotation is under way (a previous key is configured), how long
 *                           an instance waits after one pass over every subscriber before it starts the next
 */
@ConfigurationProperties("chorus.notifications.subscriptions")
record SubscriptionProperties(
        @DefaultValue("48h") Duration confirmationWindow,
        @DefaultValue("10m") Duration resendInterval,
        @DefaultValue("400d") Duration linkValidity,
        @DefaultValue("10m") Duration purgeEvery,
        @DefaultValue("1h") Duration reindexEvery,
        // three soft bounces (mailbox full, server down for days) before an address rests: one is weather, three a pattern
        @DefaultValue("3") int softBounceLimit) {
}
