package org.chorus.notifications.receipt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for every mail this service sends (author mail, subscription mail, campaigns).
 *
 * @param from          the sender of every mail
 * @param pollInterval  how often the dispatcher looks for mail to send
 */
@ConfigurationProperties("chorus.mail")
public record MailProperties(
        @DefaultValue("Chorus <no-reply@chorus.invalid>") String from,
        @DefaultValue("500ms") Duration pollInterval) {
}
