package org.chorus.notifications.receipt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from          the sender of every mail
 * @param pollInterval  how often the dispatcher looks for mail to send
 */
@ConfigurationProperties("chorus.mail")
record MailProperties(
        @DefaultValue("Chorus <no-reply@chorus.invalid>") String from,
        @DefaultValue("500ms") Duration pollInterval) {
}
