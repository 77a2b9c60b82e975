package org.chorus.stories;

import org.apache.kafka.clients.admin.NewTopic;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** stories-service owns the topics it produces, so it declares them; the contacts topic is compacted. */
@Configuration
class KafkaTopics {

    @Bean
    NewTopic storiesTopic() {
        return TopicBuilder.name(Topics.STORIES).partitions(6).build();
    }

    @Bean
    NewTopic storyContactsTopic() {
        return TopicBuilder.name(Topics.STORY_CONTACTS).partitions(6).compact()
                // compact soon after a tombstone, and drop the tombstone itself after a day
                .config("min.cleanable.dirty.ratio", "0.01")
                .config("segment.ms", "3600000")
                .config("delete.retention.ms", "86400000")
                .build();
    }
}
