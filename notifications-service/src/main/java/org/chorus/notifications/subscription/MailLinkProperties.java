package org.chorus.notifications.subscription;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicBaseUrl      where the public reaches Chorus (the gateway); links in mail start here. RFC 8058 asks for
 *                           https anywhere real
 * @param unsubscribeMailbox the {@code mailto:} target in {@code List-Unsubscribe}, for mail clients that do not
 *                           do one-click POST. This service does not read that mailbox: whoever runs it must act on
 *                           what arrives there (each mail's subject carries the subscriber's unsubscribe token)
 */
@ConfigurationProperties("chorus.notifications")
record MailLinkProperties(
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue("unsubscribe@chorus.invalid") String unsubscribeMailbox) {
}
