package org.chorus.notifications.digest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled    whether moderators get digests at all
 * @param interval   at most one digest per this long, however much arrives
 * @param checkEvery how often an instance looks whether a digest is due
 * @param portalUrl  the moderation queue, linked from the mail
 */
@ConfigurationProperties("chorus.notifications.digest")
record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4h") Duration interval,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("http://localhost:8080/admin") String portalUrl) {
}
