package org.chorus.stories.story;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link ExpectedReview} every submission's answer carries, counted at most every 30 seconds: in a surge of a
 * thousand submissions a second the queue is counted twice a minute, not a thousand times a second. A failed count
 * is not remembered and never fails a submission.
 */
@Component
class ReviewEstimates {

    private final Mono<ExpectedReview> current;

    @Autowired
    ReviewEstimates(DatabaseClient db, Clock clock) {
        this(db, clock, Duration.ofSeconds(30));
    }

    ReviewEstimates(DatabaseClient db, Clock clock, Duration freshFor) {
        this.current = Mono.defer(() -> db.sql("""
                                select (select count(*) from story where status = 'SUBMITTED') as waiting,
                                       (select count(*) from story where decided_at > :since) as decided""")
                        .bind("since", clock.instant().minus(Duration.ofHours(1)))
                        .map(row -> ExpectedReview.of(row.get("waiting", Long.class), row.get("decided", Long.class)))
                        .one())
                .cache(estimate -> freshFor, failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The latest estimate, or none when the count failed. */
    Mono<ExpectedReview> current() {
        return current.onErrorResume(e -> Mono.empty());
    }
}
