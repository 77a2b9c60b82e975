package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.mail.SmtpSink;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Author mail against an SMTP server that refuses some recipients for good and keeps deferring others: the refused
 * and the unreadable stop at once, the deferred after the cap, and the mail queued after all of them still goes out.
 */
@NotificationsIntegrationTest
@Import(AuthorMailRetryIT.RefusingSmtp.class)
@DirtiesContext
@TestPropertySource(properties = {
        "chorus.test.database=notifications_author_retry",
        "chorus.mail.poll-interval=100ms",
        "chorus.mail.max-attempts=3",
        "chorus.mail.retry-backoff=200ms"})
class AuthorMailRetryIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    static final SmtpSink SINK = SmtpSink.start((recipient, before) -> {
        if (recipient.startsWith("refused-")) {
            return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
        }
        if (recipient.startsWith("deferred-")) {
            return "451 4.2.1 Mailbox busy, try again later";
        }
        return "250 2.1.5 OK";
    }, true);

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Test
    void mailThatCanNeverGoOutStopsAndTheMailQueuedAfterItIsDelivered() {
        List<UUID> refused = new ArrayList<>();
        List<String> refusedAddresses = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            String address = "refused-" + i + "-" + UUID.randomUUID() + "@example.org";
            refusedAddresses.add(address);
            refused.add(queue(vault.seal(address), "1 hour"));
        }
        List<UUID> unreadable = List.of(
                queue(new SealedEmail("a-retired-key", vault.seal("x@example.org").ciphertext(), null), "1 hour"),
                queue(new SealedEmail(vault.seal("y@example.org").keyId(), new byte[40], null), "1 hour"));
        String deferredAddress = "deferred-" + UUID.randomUUID() + "@example.org";
        UUID deferred = queue(vault.seal(deferredAddress), "1 hour");
        String good = "author-" + UUID.randomUUID() + "@example.org";
        queue(vault.seal(good), "0 seconds");

        await().atMost(WITHIN).until(() -> SINK.receivedBy(good).size() == 1);
        await().atMost(WITHIN).until(() -> failed(refused) == refused.size() && failed(unreadable) == 2
                && failed(List.of(deferred)) == 1);

        for (int i = 0; i < refused.size(); i++) {
            assertThat(SINK.offeredTimes(refusedAddresses.get(i))).isEqualTo(1);
            assertThat(row(refused.get(i))).startsWith("1|SMTP 550").contains("[address]").doesNotContain("refused-");
        }
        assertThat(unreadable).allSatisfy(id -> assertThat(row(id)).isEqualTo("1|address could not be read"));
        assertThat(SINK.offeredTimes(deferredAddress)).isEqualTo(3);
        assertThat(row(deferred)).startsWith("3|SMTP 451");
        // given up means given up: nothing is offered again
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(SINK.offeredTimes(deferredAddress)).isEqualTo(3);
        assertThat(SINK.offeredTimes(refusedAddresses.get(0))).isEqualTo(1);
    }

    /** A receipt for a new story to the sealed address, queued {@code ago} in the past (oldest mail goes first). */
    private UUID queue(SealedEmail sealed, String ago) {
        UUID story = UUID.randomUUID();
        UUID mail = UUID.randomUUID();
        db.sql("""
                        insert into author_contact (story_id, email_key_id, email_ciphertext, language)
                        values (:story, :keyId, :ciphertext, 'en')""")
                .bind("story", story).bind("keyId", sealed.keyId()).bind("ciphertext", sealed.ciphertext())
                .then().block();
        db.sql("""
                        insert into outgoing_mail (id, kind, story_id, language, created_at, next_attempt_at)
                        values (:id, :kind, :story, 'en', now() - cast(:ago as interval),
                                now() - cast(:ago as interval))""")
                .bind("id", mail).bind("kind", Receipts.RECEIPT).bind("story", story).bind("ago", ago)
                .then().block();
        return mail;
    }

    private long failed(List<UUID> ids) {
        return db.sql("select count(*) as n from outgoing_mail where id = any(:ids) and failed_at is not null")
                .bind("ids", ids.toArray(UUID[]::new)).map(row -> row.get("n", Long.class)).one().block();
    }

    private String row(UUID id) {
        return db.sql("select attempts, last_error from outgoing_mail where id = :id").bind("id", id)
                .map(row -> row.get("attempts", Integer.class) + "|" + row.get("last_error", String.class))
                .one().block();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RefusingSmtp {

        @Bean
        @Primary
        JavaMailSender refusingMailSender() {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(SINK.port());
            sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
            sender.getJavaMailProperties().put("mail.smtp.timeout", "10000");
            return sender;
        }
    }
}
