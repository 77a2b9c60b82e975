package org.chorus.notifications.receipt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxPerAddressPerDay how many author mails one address may get in a day (UTC). Anyone can submit a story
 *                            with someone else's address as the contact, so without a cap Chorus could be made to
 *                            fill a stranger's inbox; a real author gets two mails a story (receipt, then the
 *                            decision), so the default leaves room for a few stories a day. Mail over the cap is
 *                            dropped and counted ({@code chorus.author.mail.dropped}), never logged with its address
 */
@ConfigurationProperties("chorus.notifications.author-mail")
record AuthorMailProperties(@DefaultValue("6") int maxPerAddressPerDay) {

    AuthorMailProperties {
        if (maxPerAddressPerDay < 1) {
            throw new IllegalStateException("chorus.notifications.author-mail.max-per-address-per-day must be at least 1");
        }
    }
}
