package org.chorus.notifications;

import org.apache.kafka.clients.admin.NewTopic;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The dead-letter topics of this service's consumers are its own to create. */
@Configuration
class KafkaTopics {

    @Bean
    NewTopic storiesDeadLetters() {
        return TopicBuilder.name(Topics.deadLetter(Topics.STORIES, "notifications")).partitions(1).build();
    }

    @Bean
    NewTopic storyContactsDeadLetters() {
        // a parked contact event holds a (sealed) address: keep it no longer than it takes to look at it; a segment
        // is deleted only once its newest record is past retention, so segments close hourly: gone in 7 days + 1 hour
        return TopicBuilder.name(Topics.deadLetter(Topics.STORY_CONTACTS, "notifications")).partitions(1)
                .config("retention.ms", String.valueOf(7L * 24 * 3600 * 1000))
                .config("segment.ms", String.valueOf(3600L * 1000)).build();
    }
}
