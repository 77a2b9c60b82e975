package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.SubmittedStory;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

@StoriesIntegrationTest
class RejectedStoryRetentionIT {

    @Autowired
    StoryApi api;

    @Autowired
    DatabaseClient db;

    @Autowired
    RejectedStoryRetention retention;

    @Test
    void rejectedStoryIsErasedOnceItsRetentionHasPassedAndChorusIsToldToForgetIt() {
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
        assertThat(KafkaRecords.read(Topics.STORIES, record -> expired.id().toString().equals(record.key())
                        && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                        .equals(Optional.of(EventTypes.typeOf(StoryWithdrawn.class))), 1, Duration.ofSeconds(30)))
                .singleElement()
                .satisfies(event -> assertThat(event.value()).contains("\"reason\":\"retention\""));
    }

    @Test
    void purgeThatCannotTellKafkaErasesNothing() {
        SubmittedStory expired = api.submit("Rejected long ago, outbox down", "en");
        api.reject(expired.id(), 0, "No.");
        decidedAgo(expired.id(), Duration.ofDays(31));
        // the outbox refuses every row, as a full disk or a broken constraint would: the delete must not commit alone
        db.sql("""
                create or replace function refuse_outbox() returns trigger language plpgsql as $$
                begin
                    raise exception 'outbox refused in a test';
                end
                $$""").then().block();
        db.sql("create trigger refuse_outbox before insert on outbox_event for each row execute function refuse_outbox()")
                .then().block();
        try {
            assertThatThrownBy(() -> retention.purge().block()).hasMessageContaining("outbox refused");
        } finally {
            db.sql("drop trigger refuse_outbox on outbox_event").then().block();
            db.sql("drop function refuse_outbox()").then().block();
        }

        assertThat(exists(expired.id())).as("the story is still there, to be purged next round").isTrue();
        while (retention.purge().block() > 0) {
            // purge every batch
        }
        assertThat(exists(expired.id())).isFalse();
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
