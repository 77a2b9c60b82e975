package org.chorus.notifications.digest;

import org.apache.kafka.clients.admin.NewTopic;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The digest consumer's dead-letter topic. */
@Configuration
class DigestConfiguration {

    /** The digest's consumer group parks unreadable story events here, like every consumer of this service. */
    @Bean
    NewTopic moderationDigestDeadLetters() {
        return TopicBuilder.name(Topics.deadLetter(Topics.STORIES, ModerationEventsListener.CONSUMER)).partitions(1)
                .build();
    }
}
