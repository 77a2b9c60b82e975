package org.chorus.notifications.subscription;

import java.time.LocalDate;
import java.util.List;

/** What the preference centre shows; the address only masked. */
record SubscriptionPreferences(String email, String status, String language, List<String> topics, String zip,
                               LocalDate pausedUntil) {
}
