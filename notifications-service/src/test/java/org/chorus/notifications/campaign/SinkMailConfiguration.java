package org.chorus.notifications.campaign;

import org.chorus.notifications.mail.SmtpSink;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Points the service's mail at an {@link SmtpSink} instead of GreenMail. Tests using it run in a context of their
 * own (own database, own dispatch consumer group) that is closed after the class, so no other test sees the sink.
 */
@TestConfiguration(proxyBeanMethods = false)
class SinkMailConfiguration {

    static final SmtpSink SINK = SmtpSink.start((recipient, before) -> {
        if (recipient.startsWith("busy-")) {
            return before < 2 ? "451 4.2.1 Mailbox busy, try again later" : "250 2.1.5 OK";
        }
        if (recipient.startsWith("always-busy-")) {
            return "452 4.2.2 Mailbox full";
        }
        if (recipient.startsWith("gone-")) {
            // real servers quote the address back; it must not reach the ledger
            return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
        }
        return "250 2.1.5 OK";
    }, !Boolean.getBoolean("chorus.benchmark"));

    @Bean
    @Primary
    JavaMailSender sinkMailSender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SINK.port());
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "10000");
        return sender;
    }
}
