package org.chorus.notifications;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.chorus.testsupport.Ports;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The bounce mailbox as a real IMAP server (GreenMail, in the test JVM): reports are delivered into it as a receiving
 * mail system would send them, and the service reads them over IMAP. One per JVM; every notifications context points
 * its {@code chorus.mail.bounces} settings at it, with the reading loop idle (its first reading an hour away), so a
 * test reads when it chooses ({@code BounceMailbox.readOnce}).
 */
public final class BounceMailboxServer {

    public static final String ADDRESS = "bounces@chorus.invalid";
    private static final String LOGIN = "bounces";
    private static final String PASSWORD = "bounce-mailbox-test-password";
    private static GreenMail server;
    private static GreenMailUser user;

    private BounceMailboxServer() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
            server.start();
            user = server.setUser(ADDRESS, LOGIN, PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Puts a raw message into the mailbox, as the mail server would on receiving it. */
    public static void deliver(String raw) {
        server();
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages wait in the mailbox. */
    public static int waiting() {
        return server().getReceivedMessages().length;
    }

    /** Adds the settings that point the service at this mailbox. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            GreenMail imap = server();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bounce-mailbox", Map.of(
                    "chorus.mail.bounces.enabled", "true",
                    "chorus.mail.bounces.protocol", "imap",
                    "chorus.mail.bounces.host", "127.0.0.1",
                    "chorus.mail.bounces.port", String.valueOf(imap.getImap().getPort()),
                    "chorus.mail.bounces.username", LOGIN,
                    "chorus.mail.bounces.password", PASSWORD,
                    "chorus.mail.bounces.poll-every", "1h")));
        }
    }
}
