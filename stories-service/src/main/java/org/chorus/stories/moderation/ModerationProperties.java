package org.chorus.stories.moderation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a moderator's claim on a story lasts: long enough to read a long story and redact it, short enough that
 * a story whose moderator walked away is back in the queue soon. Opening or claiming the story again renews it.
 */
@ConfigurationProperties("chorus.stories.moderation")
record ModerationProperties(@DefaultValue("5m") Duration lease) {
}
