package org.chorus.stories;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.chorus.messaging.DatabaseGauges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The moderation queue as operators watch it in a surge: how many stories wait for a first review and how long the
 * oldest has waited (the "oldest waiting story" alert compares it with the moderation target). Counts only, never
 * anything of a story.
 */
@Configuration
class ModerationGauges {

    @Bean
    DatabaseGauges moderationQueueGauges(DatabaseClient db, MeterRegistry registry) {
        return new DatabaseGauges("moderation-gauges", db, Duration.ofSeconds(15)).query(registry, """
                        select count(*), extract(epoch from clock_timestamp() - min(submitted_at))
                        from story where status = 'SUBMITTED'""",
                "Stories waiting for a moderator's first review",
                "chorus.moderation.waiting", "chorus.moderation.oldest.waiting.age");
    }
}
