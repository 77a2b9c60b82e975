package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chorus.notifications.DatabaseDump;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Anyone can give any address as a story's contact, so one address gets at most the day's cap of author mail, however
 * many stories name it; the rest is dropped and counted, and neither the count nor the log holds the address.
 */
@NotificationsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuthorMailCapIT {

    /** chorus.notifications.author-mail.max-per-address-per-day, by default. */
    private static final int DAILY_CAP = 6;
    private static final Duration MAIL = Duration.ofSeconds(60);

    @Autowired
    DatabaseClient db;

    @Autowired
    EmailVault vault;

    @Autowired
    MeterRegistry meters;

    @Test
    void oneAddressGetsAtMostTheDailyCapHoweverManyStoriesNameItAndTheRestIsDroppedAndCounted(CapturedOutput logs) {
        String stranger = "stranger-" + UUID.randomUUID() + "@example.org";
        String author = "author-" + UUID.randomUUID() + "@example.org";
        double droppedBefore = dropped();
        List<UUID> stories = new ArrayList<>();
        for (int i = 0; i < DAILY_CAP + 3; i++) {
            // the same address however it is typed: the count is by its normalised blind index
            stories.add(receiptQueuedFor(i % 2 == 0 ? stranger : "  " + stranger.toUpperCase() + " "));
        }
        stories.add(receiptQueuedFor(author));

        await().atMost(MAIL).until(() -> settled(stories) == stories.size());
        // give a wrongly sent extra mail every chance to arrive before counting
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);

        int toStranger = Infrastructure.smtp().receivedBy(stranger).size()
                + Infrastructure.smtp().receivedBy(stranger.toUpperCase()).size();
        assertThat(toStranger).isEqualTo(DAILY_CAP);
        assertThat(Infrastructure.smtp().receivedBy(author)).hasSize(1);
        assertThat(count("select count(*) from outgoing_mail where story_id = any(:stories) "
                + "and last_error like 'dropped:%'", stories)).isEqualTo(3);
        assertThat(dropped() - droppedBefore).isEqualTo(3);
        String localPart = stranger.substring(0, stranger.indexOf('@'));
        assertThat(logs.getAll()).doesNotContainIgnoringCase(localPart);
        assertThat(DatabaseDump.of(db)).doesNotContainIgnoringCase(localPart);
    }

    /** A story whose author gave {@code email} as contact, with its receipt queued: what the story events leave. */
    private UUID receiptQueuedFor(String email) {
        UUID story = UUID.randomUUID();
        SealedEmail sealed = vault.seal(email);
        db.sql("""
                        insert into author_contact (story_id, email_key_id, email_ciphertext, language)
                        values (:story, :keyId, :ciphertext, 'en')""")
                .bind("story", story).bind("keyId", sealed.keyId()).bind("ciphertext", sealed.ciphertext())
                .then().block();
        db.sql("insert into outgoing_mail (id, kind, story_id, language) values (:id, 'STORY_RECEIPT', :story, 'en')")
                .bind("id", UUID.randomUUID()).bind("story", story)
                .then().block();
        return story;
    }

    private long settled(List<UUID> stories) {
        return count("select count(*) from outgoing_mail where story_id = any(:stories) "
                + "and (sent_at is not null or failed_at is not null)", stories);
    }

    private long count(String sql, List<UUID> stories) {
        return db.sql(sql).bind("stories", stories.toArray(UUID[]::new))
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private double dropped() {
        Counter counter = meters.find("chorus.author.mail.dropped").counter();
        return counter == null ? 0 : counter.count();
    }
}
