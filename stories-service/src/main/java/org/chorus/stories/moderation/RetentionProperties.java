package org.chorus.stories.moderation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a rejected story is kept (so its author can read why) before it is erased, and how often to look.
 */
@ConfigurationProperties("chorus.stories.retention")
record RetentionProperties(@DefaultValue("30d") Duration rejectedStories, @DefaultValue("1h") Duration purgeEvery) {
}
