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
        // a parked contact event holds an address: keep it no longer than it takes to look at it
        return TopicBuilder.name(Topics.deadLetter(Topics.STORY_CONTACTS, "notifications")).partitions(1)
                .config("retention.ms", String.valueOf(7L * 24 * 3600 * 1000)).build();
    }
}
