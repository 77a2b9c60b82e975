package org.chorus.notifications.mail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.chorus.messaging.PollingLoop;
import org.chorus.messaging.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one loop that sends queued mail, for every feature that queues some (each a {@link Source}: author mail,
 * subscription mail). A round takes the due rows of each queue, soonest due first, locked with SKIP LOCKED so several
 * instances never send the same one, and sends them. A failure follows the {@link RetryPolicy}: the row is tried again
 * after its backoff ({@code next_attempt_at}), or marked failed ({@code failed_at}) after a permanent refusal, an
 * address that cannot be read, or the last try. So no row can hold the queue: a failed row waits behind later mail or
 * leaves it. Addresses are opened only here, at send time, from the row the feature keeps them in. Each send is
 * observed ({@code chorus.mail.send} by queue: a timer, and a span in the trace that queued the mail when the row
 * kept one).
 */
@Component
public class MailQueue extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(MailQueue.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final PlainTextMail plainText;
    private final MailProperties properties;
    private final RetryPolicy policy;
    private final List<Source> sources;
    private final TraceContext traces;

    MailQueue(DatabaseClient db, TransactionalOperator transactional, PlainTextMail plainText,
              MailProperties properties, List<Source> sources, TraceContext traces) {
        super("mail-queue");
        this.db = db;
        this.transactional = transactional;
        this.plainText = plainText;
        this.properties = properties;
        this.policy = properties.retryPolicy();
        this.sources = sources;
        this.traces = traces;
    }

    /** Emits how many mails went out in this round, over every queue. */
    Mono<Long> dispatchOnce() {
        return Flux.fromIterable(sources).concatMap(this::dispatchOnce).reduce(0L, Long::sum);
    }

    private Mono<Long> dispatchOnce(Source source) {
        Flux<Long> sent = source.lockDue(properties.batch()).concatMap(due -> attempt(source, due));
        return transactional.transactional(sent.reduce(0L, Long::sum));
    }

    private Mono<Long> attempt(Source source, Due due) {
        Letter letter;
        try {
            letter = due.letter().get();
        } catch (RuntimeException e) {
            log.warn("{} {} not sent: its address could not be read ({})", source.table(), due.id(),
                    e.getClass().getName());
            return failed(source, due, SmtpFailure.unreadableAddress()).thenReturn(0L);
        }
        // the Message-ID names the row, so a bounce or complaint about this mail finds it again (MailReference)
        Map<String, String> headers = new LinkedHashMap<>(letter.headers());
        headers.put("Message-ID", MailReference.of(source.referenceKind(), due.id()).messageId(properties.fromDomain()));
        return traces.observe(due.traceparent(), "chorus.mail.send", source.table(),
                        plainText.send(letter.to(), letter.subject(), letter.body(), headers))
                .then(db.sql("update " + source.table() + " set sent_at = now(), last_error = null where id = :id")
                        .bind("id", due.id()).then())
                .thenReturn(1L)
                // whatever went wrong counts as a try, so a row that always fails reaches its cap
                .onErrorResume(RuntimeException.class, e -> failed(source, due, SmtpFailure.of(e)).thenReturn(0L));
    }

    private Mono<Void> failed(Source source, Due due, SmtpFailure failure) {
        int attempts = due.attempts() + 1;
        return policy.retryAfter(attempts, failure)
                .map(wait -> {
                    log.warn("{} {} not sent ({}); try {} of {}, next in {} ms", source.table(), due.id(),
                            failure.reason(), attempts, policy.maxAttempts(), wait.toMillis());
                    return db.sql("update " + source.table() + """
                                     set attempts = :attempts, last_error = :reason,
                                        next_attempt_at = now() + make_interval(secs => :wait)
                                    where id = :id""")
                            .bind("wait", wait.toMillis() / 1000.0);
                })
                .orElseGet(() -> {
                    log.warn("{} {} given up after {} tries: {}", source.table(), due.id(), attempts,
                            failure.reason());
                    return db.sql("update " + source.table() + """
                                     set attempts = :attempts, last_error = :reason, failed_at = now()
                                    where id = :id""");
                })
                .bind("attempts", attempts)
                .bind("reason", failure.reason())
                .bind("id", due.id())
                .then();
    }

    /** A round's mail has left once the SMTP server accepted it: let the round record that before a stop. */
    @Override
    protected Duration finishRoundOnStop() {
        return Duration.ofSeconds(20);
    }

    @Override
    protected Duration round() {
        try {
            dispatchOnce().block();
        } catch (RuntimeException e) {
            log.warn("Mail round failed: {}", e.getClass().getName());
        }
        return properties.pollInterval();
    }

    /**
     * A feature's queue of mail. Its table has {@code id}, {@code sent_at}, {@code attempts}, {@code last_error},
     * {@code next_attempt_at} and {@code failed_at}; {@link #lockDue} selects from it as {@code m} with
     * {@link #DUE} and {@link #SOONEST_FIRST}.
     */
    public interface Source {

        /** The rows that may be sent now: not sent, not given up, their next try due. */
        String DUE = "m.sent_at is null and m.failed_at is null and m.next_attempt_at <= now()";

        /** Soonest due first, locking only free rows (another instance may be sending the rest). */
        String SOONEST_FIRST = "order by m.next_attempt_at limit :limit for update of m skip locked";

        String table();

        /** The {@link MailReference} kind of this queue's mail: bounces and complaints about it name it. */
        char referenceKind();

        /** Up to {@code limit} due rows, locked until the round's transaction ends. */
        Flux<Due> lockDue(int limit);
    }

    /**
     * A due row: its id, how often it was tried, and its mail, built when it is about to go. Opening the sealed
     * address happens in {@code letter}; if that throws, the row is failed for good. {@code traceparent}: the trace
     * that queued the mail, which its sending continues, or null.
     */
    public record Due(UUID id, int attempts, Supplier<Letter> letter, String traceparent) {

        public Due(UUID id, int attempts, Supplier<Letter> letter) {
            this(id, attempts, letter, null);
        }
    }

    /** One plain-text mail from Chorus's sender. */
    public record Letter(String to, String subject, String body, Map<String, String> headers) {
    }
}
