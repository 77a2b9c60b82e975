package org.chorus.notifications.mail;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox bounces and complaints arrive in ({@link BounceMailbox}): the one {@code chorus.mail.return-path} names
 * and the feedback loops of mailbox providers report to. Off unless configured (the devstack has no such mailbox).
 *
 * @param enabled         read the mailbox
 * @param protocol        {@code imaps} or {@code pop3s} anywhere real; {@code imap} and {@code pop3} only for a
 *                        server on the same host (tests)
 * @param host            the mail server
 * @param port            absent: the protocol's own port
 * @param username        the mailbox's login
 * @param password        its password, from the environment (CHORUS_MAIL_BOUNCES_PASSWORD)
 * @param folder          the folder to read (POP3 has only INBOX)
 * @param pollEvery       the wait between two readings
 * @param batch           messages read at most in one reading; the rest wait for the next
 * @param maxMessageBytes a message larger than this is deleted unread: no report is that large, and reading it
 *                        would let anyone make the service parse megabytes
 * @param remember        how long a report is remembered, so one read again (or a second report of the same kind
 *                        about the same mail) counts once
 */
@ConfigurationProperties("chorus.mail.bounces")
public record BounceMailboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("imaps") String protocol,
        String host,
        Integer port,
        String username,
        String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("1m") Duration pollEvery,
        @DefaultValue("100") int batch,
        @DefaultValue("1048576") int maxMessageBytes,
        @DefaultValue("90d") Duration remember) {

    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    public BounceMailboxProperties {
        if (enabled) {
            check(protocol, host, username, password, batch, maxMessageBytes);
        }
    }

    private static void check(String protocol, String host, String username, String password, int batch,
                              int maxMessageBytes) {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalStateException("chorus.mail.bounces.protocol must be one of " + PROTOCOLS);
        }
        for (String[] setting : new String[][] {{"host", host}, {"username", username}, {"password", password}}) {
            if (setting[1] == null || setting[1].isBlank()) {
                throw new IllegalStateException("chorus.mail.bounces." + setting[0] + " is not set (the bounce mailbox "
                        + "is enabled); set it from the environment, or chorus.mail.bounces.enabled=false");
            }
        }
        if (batch < 1 || maxMessageBytes < 1024) {
            throw new IllegalStateException("chorus.mail.bounces batch must be at least 1, max-message-bytes 1024");
        }
    }
}
