package org.chorus.notifications.nearby;

import org.apache.kafka.clients.admin.NewTopic;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The help-near-you consumer's dead-letter topic. */
@Configuration
class HelpNearYouConfiguration {

    /** Its consumer group parks unreadable directory events here, like every consumer of this service. */
    @Bean
    NewTopic helpNearYouDeadLetters() {
        return TopicBuilder.name(Topics.deadLetter(Topics.RESOURCES, ResourceEventsListener.CONSUMER)).partitions(1)
                .build();
    }
}
