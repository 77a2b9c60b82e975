package org.chorus.notifications.subscription;

import java.util.List;

/** Validated subscription settings: topics without duplicates, a ZIP only with help near me. */
record Settings(String language, List<String> topics, String zip) {

    String[] topicArray() {
        return topics.toArray(String[]::new);
    }
}
