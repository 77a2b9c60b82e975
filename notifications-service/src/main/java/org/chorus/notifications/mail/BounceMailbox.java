package org.chorus.notifications.mail;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chorus.messaging.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the bounce mailbox (IMAP or POP3) for delivery status notifications and abuse reports about our mail, and
 * hands each to the feature whose mail it names ({@link FeedbackTarget}). A report counts once per mail and kind
 * ({@code mail_feedback}, written in the same transaction as its effect), so one read twice changes nothing; a message
 * is deleted from the mailbox only after its effect was committed, and a message that is no report of ours (a
 * forgery, an auto-reply, spam, one too large) is deleted unread or unacted on, so the mailbox never keeps addresses
 * for long. Only counts are logged: a report holds addresses and the text of our mail.
 */
@Component
public class BounceMailbox extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final BounceMailboxProperties properties;
    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Map<Character, FeedbackTarget> targets;
    private final MeterRegistry meters;

    BounceMailbox(BounceMailboxProperties properties, DatabaseClient db, TransactionalOperator transactional,
                  List<FeedbackTarget> targets, MeterRegistry meters) {
        super("bounce-mailbox");
        this.properties = properties;
        this.db = db;
        this.transactional = transactional;
        this.targets = targets.stream().collect(Collectors.toMap(FeedbackTarget::referenceKind, Function.identity()));
        this.meters = meters;
    }

    /** What became of one message read from the mailbox. */
    public enum Outcome {
        /** a report about a mail of ours, acted on */
        APPLIED,
        /** the same report (or one of the same kind about the same mail) was acted on before */
        REPEATED,
        /** a well-formed report that names no mail we sent, or not its address: a forgery, or about erased mail */
        UNMATCHED,
        /** not a DSN or ARF report we read (an auto-reply, spam, a malformed report) */
        NOT_A_REPORT,
        /** larger than chorus.mail.bounces.max-message-bytes: deleted unread */
        TOO_LARGE
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    @Override
    protected Duration firstDelay() {
        return properties.pollEvery();
    }

    @Override
    protected Duration round() {
        try {
            readOnce();
        } catch (MessagingException | RuntimeException e) {
            // the exception's class only: a server's message may quote an address
            log.warn("Bounce mailbox not read: {}", e.getClass().getName());
        }
        return properties.pollEvery();
    }

    /** One reading: up to {@code batch} messages, each acted on and then deleted. Returns what became of them. */
    public synchronized Map<Outcome, Long> readOnce() throws MessagingException {
        Properties session = new Properties();
        String p = properties.protocol();
        session.put("mail." + p + ".connectiontimeout", "10000");
        session.put("mail." + p + ".timeout", "30000");
        session.put("mail." + p + ".writetimeout", "30000");
        session.put("mail." + p + ".ssl.checkserveridentity", "true");
        Store store = Session.getInstance(session).getStore(p);
        store.connect(properties.host(), properties.port() == null ? -1 : properties.port(), properties.username(),
                properties.password());
        try {
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            Map<Outcome, Long> outcomes;
            try {
                int count = Math.min(folder.getMessageCount(), properties.batch());
                Message[] messages = count == 0 ? new Message[0] : folder.getMessages(1, count);
                outcomes = Flux.fromArray(messages).map(this::read)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).block();
            } finally {
                // expunge: what was marked deleted goes now (POP3 deletes on close as well)
                folder.close(true);
            }
            forgetOldReports();
            outcomes.forEach((outcome, n) -> meters.counter("chorus.mail.feedback", "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT)).increment(n));
            if (!outcomes.isEmpty()) {
                log.info("Bounce mailbox read: {}", outcomes);
            }
            return outcomes;
        } finally {
            store.close();
        }
    }

    /** Acts on one message and marks it deleted, unless acting on it failed (then it is read again next time). */
    private Outcome read(Message message) {
        Outcome outcome;
        try {
            int size = message.getSize();
            if (size > properties.maxMessageBytes()) {
                outcome = Outcome.TOO_LARGE;
            } else {
                Optional<Feedback> feedback = FeedbackParser.parse(message);
                outcome = feedback.isEmpty() ? Outcome.NOT_A_REPORT
                        : apply(feedback.get()).block(APPLY_TIMEOUT);
            }
        } catch (MessagingException e) {
            outcome = Outcome.NOT_A_REPORT;
        }
        try {
            message.setFlag(Flags.Flag.DELETED, true);
        } catch (MessagingException e) {
            log.warn("Bounce mailbox message not deleted: {}", e.getClass().getName());
        }
        return outcome;
    }

    /** Applies the report to each mail it names; its outcome is the best of theirs. */
    Mono<Outcome> apply(Feedback feedback) {
        return Flux.fromIterable(feedback.references())
                .concatMap(reference -> applyTo(reference, feedback))
                .reduce(Outcome.UNMATCHED, (a, b) -> a.ordinal() < b.ordinal() ? a : b);
    }

    private Mono<Outcome> applyTo(MailReference reference, Feedback feedback) {
        FeedbackTarget target = targets.get(reference.kind());
        if (target == null) {
            return Mono.just(Outcome.UNMATCHED);
        }
        Mono<Outcome> once = db.sql("""
                        insert into mail_feedback (reference, kind) values (:reference, :kind)
                        on conflict do nothing""")
                .bind("reference", reference.token())
                .bind("kind", feedback.type().db())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(Outcome.REPEATED)
                        : target.apply(reference, feedback).flatMap(matched -> matched ? Mono.just(Outcome.APPLIED)
                                // undo the row: a forged report must not block a real one about the same mail
                                : Mono.error(new Unmatched())));
        return transactional.transactional(once).onErrorResume(Unmatched.class, e -> Mono.just(Outcome.UNMATCHED));
    }

    private void forgetOldReports() {
        db.sql("delete from mail_feedback where received_at < now() - make_interval(secs => :age)")
                .bind("age", (double) properties.remember().toSeconds())
                .then().block(APPLY_TIMEOUT);
    }

    private static final class Unmatched extends RuntimeException {
        Unmatched() {
            super(null, null, false, false);
        }
    }
}
