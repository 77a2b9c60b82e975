package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.Topics;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class RejectedStoryRetentionIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    RejectedStoryRetention retention;

    @Test
    void rejectedStoryIsErasedOnceItsRetentionHasPassed() {
        StoryApi api = new StoryApi(http);
        SubmittedStory expired = api.submit("Rejected long ago", "en");
        SubmittedStory recent = api.submit("Rejected yesterday", "en");
        SubmittedStory waiting = api.submit("Still waiting", "en");
        api.reject(expired.id(), 0, "No.");
        api.reject(recent.id(), 0, "No.");
        decidedAgo(expired.id(), Duration.ofDays(31));
        decidedAgo(recent.id(), Duration.ofDays(1));
        decidedAgo(waiting.id(), Duration.ofDays(400));

        while (retention.purge().block() > 0) {
            // purge every batch
        }

        assertThat(exists(expired.id())).isFalse();
        assertThat(exists(recent.id())).isTrue();
        assertThat(exists(waiting.id())).isTrue();
        assertThat(KafkaRecords.read(Topics.STORY_CONTACTS,
                record -> expired.id().toString().equals(record.key()) && record.value() == null, 1, Duration.ofSeconds(30)))
                .hasSize(1);
    }

    private void decidedAgo(UUID id, Duration ago) {
        db.sql("update story set decided_at = :at where id = :id").bind("at", Instant.now().minus(ago)).bind("id", id)
                .then().block();
    }

    private boolean exists(UUID id) {
        return db.sql("select count(*) as n from story where id = :id").bind("id", id)
                .map(row -> row.get("n", Long.class)).one().block() > 0;
    }
}
