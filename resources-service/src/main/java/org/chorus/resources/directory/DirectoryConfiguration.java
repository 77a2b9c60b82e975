package org.chorus.resources.directory;

import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.chorus.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** resources-service owns the topic it produces, so it declares it; and one clock, so tests can set the time. */
@Configuration
class DirectoryConfiguration {

    @Bean
    NewTopic resourcesTopic() {
        return TopicBuilder.name(Topics.RESOURCES).partitions(6).build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
