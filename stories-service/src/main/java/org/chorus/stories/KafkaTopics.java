package org.chorus.stories;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** stories-service owns the topics it produces, so it declares them; the contacts topic is compacted. */
@Configuration
class KafkaTopics {

    /** How long a closed, then a compactable segment of the contacts topic may wait: each of the two steps. */
    static final Duration CONTACTS_BOUND = Duration.ofHours(1);

    @Bean
    NewTopic storiesTopic() {
        return TopicBuilder.name(Topics.STORIES).partitions(6).build();
    }

    /**
     * The contacts topic forgets within a stated bound (stories-service README, "Erasure"): a segment is closed an
     * hour after its first record at the latest (Kafka checks on the partition's next append), a closed segment is
     * compacted within the hour, so a contact record is gone two hours after its tombstone, plus the cleaner's next
     * pass. The tombstone itself (a story id, nothing personal) stays a day, for consumers that were down. Kept equal
     * to the KafkaTopic in deploy/k8s.
     */
    @Bean
    NewTopic storyContactsTopic() {
        return TopicBuilder.name(Topics.STORY_CONTACTS).partitions(6).compact()
                .config(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(CONTACTS_BOUND.toMillis()))
                .config(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(CONTACTS_BOUND.toMillis()))
                .config(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01")
                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()))
                .build();
    }
}
