package org.chorus.notifications.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorus.messaging.PollingLoop;
import org.chorus.notifications.mail.PlainTextMail;
import org.chorus.notifications.staff.StaffDirectory;
import org.chorus.notifications.staff.StaffMember;
import org.chorus.web.StaffRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * Tells moderators that stories are waiting: one mail per moderator per interval at most, with counts only. A mail
 * per story would train people to ignore it, and any story text in a mail would leave the platform's protection.
 */
@Component
class ModeratorDigest extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(ModeratorDigest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DigestProperties properties;
    private final ModerationQueue queue;
    private final StaffDirectory staff;
    private final PlainTextMail mail;
    private final DatabaseClient db;

    ModeratorDigest(DigestProperties properties, ModerationQueue queue, StaffDirectory staff, PlainTextMail mail,
            DatabaseClient db) {
        super("moderator-digest");
        this.properties = properties;
        this.queue = queue;
        this.staff = staff;
        this.mail = mail;
        this.db = db;
    }

    @Override
    protected Duration firstDelay() {
        return properties.checkEvery();
    }

    /** A round's mail has left once the SMTP server accepted it: let the round record that before a stop. */
    @Override
    protected Duration finishRoundOnStop() {
        return Duration.ofSeconds(20);
    }

    @Override
    protected Duration round() {
        try {
            sendIfDue();
        } catch (RuntimeException e) {
            log.warn("Moderator digest check failed: {}", e.getClass().getName());
        }
        return properties.checkEvery();
    }

    // the loop's thread is its own, not an event loop, so blocking here is fine
    void sendIfDue() {
        if (!properties.enabled()) {
            return;
        }
        QueueCounts counts = queue.counts().block(TIMEOUT);
        if (counts == null || counts.isEmpty()) {
            return;
        }
        Optional<Slot> slot = claim();
        if (slot.isEmpty()) {
            return;
        }
        List<StaffMember> moderators;
        try {
            moderators = staff.reachableHolders(StaffRoles.MODERATOR).collectList().block(TIMEOUT);
        } catch (RuntimeException e) {
            // nobody was told: give the slot back so the next check tries again instead of waiting a whole interval
            release(slot.get());
            log.warn("Moderator digest not sent: the staff directory did not answer ({})", e.getClass().getSimpleName());
            return;
        }
        int sent = 0;
        for (StaffMember moderator : moderators) {
            try {
                Message message = message(counts);
                mail.send(moderator.email(), message.subject(), message.body(), Map.of()).block(TIMEOUT);
                sent++;
            } catch (MailException e) {
                log.warn("Moderator digest to staff account {} failed: {}", moderator.id(), e.getClass().getSimpleName());
            }
        }
        log.info("Moderator digest sent to {} of {} moderators ({} waiting, {} reported)", sent, moderators.size(),
                counts.submitted(), counts.flagged());
    }

    /** A digest slot taken by this instance; {@code previous} is when the last digest went out (null: never). */
    private record Slot(Instant previous) {
    }

    /**
     * Takes the next digest slot if the interval has passed, across every instance: the conditional update only
     * succeeds for the one instance that still sees the old value.
     */
    private Optional<Slot> claim() {
        Slot previous = db.sql("select last_sent_at from moderator_digest where id = 1")
                .map(row -> new Slot(row.get("last_sent_at", Instant.class)))
                .one().blockOptional(TIMEOUT).orElseThrow();
        Instant now = Instant.now();
        if (previous.previous() != null && previous.previous().plus(properties.interval()).isAfter(now)) {
            return Optional.empty();
        }
        Long updated = db.sql("""
                        update moderator_digest set last_sent_at = :now
                        where id = 1 and last_sent_at is not distinct from :previous""")
                .bind("now", now)
                .bind("previous", Parameter.fromOrEmpty(previous.previous(), Instant.class))
                .fetch().rowsUpdated().block(TIMEOUT);
        return updated != null && updated == 1 ? Optional.of(previous) : Optional.empty();
    }

    private void release(Slot slot) {
        db.sql("update moderator_digest set last_sent_at = :previous where id = 1")
                .bind("previous", Parameter.fromOrEmpty(slot.previous(), Instant.class))
                .then().block(TIMEOUT);
    }

    private record Message(String subject, String body) {
    }

    private Message message(QueueCounts counts) {
        long waiting = counts.submitted() + counts.flagged();
        return new Message(waiting == 1 ? "1 story is waiting for moderation"
                : waiting + " stories are waiting for moderation", """
                Hello,

                Stories waiting for a moderator on Chorus:

                  New stories waiting for review: %d
                  Stories reported by readers:    %d
                  Waiting since:                  %s

                The queue (sign in first): %s

                This digest holds counts only. It comes at most once every %s while anything waits.
                """.formatted(counts.submitted(), counts.flagged(), counts.oldest(), properties.portalUrl(),
                humane(properties.interval())));
    }

    private static String humane(Duration interval) {
        return interval.toMinutes() % 60 == 0 ? interval.toHours() + " hour(s)" : interval.toMinutes() + " minute(s)";
    }
}
