package org.chorus.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Gauges read from the database (a backlog's size, the age of its oldest row), refreshed on a thread of their own
 * every few seconds. A scrape only reads the last values: it never waits for the database, and a hundred scrapes
 * cost the database what one refresh does. A gauge whose query fails reads NaN until the next refresh works, so a
 * dashboard shows a gap instead of a stale number.
 */
public class DatabaseGauges extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

    private final DatabaseClient db;
    private final Duration interval;
    private final List<Query> queries = new ArrayList<>();

    public DatabaseGauges(String name, DatabaseClient db, Duration interval) {
        super(name);
        this.db = db;
        this.interval = interval;
    }

    /**
     * A gauge per column of one query's single row; {@code meters} are Micrometer names in the order of the columns.
     * Each column must be a number (a count, seconds); null (no row to age) reads 0.
     */
    public DatabaseGauges query(MeterRegistry registry, String sql, String description, String... meters) {
        Query query = new Query(sql, meters.length);
        for (int i = 0; i < meters.length; i++) {
            int column = i;
            Gauge.builder(meters[i], query, q -> q.values.get()[column])
                    .description(description)
                    .baseUnit(meters[i].endsWith(".age") ? "seconds" : null)
                    .register(registry);
        }
        queries.add(query);
        return this;
    }

    @Override
    protected Duration round() {
        for (Query query : queries) {
            try {
                double[] values = db.sql(query.sql).map(row -> {
                    double[] read = new double[query.columns];
                    for (int i = 0; i < query.columns; i++) {
                        Number value = row.get(i, Number.class);
                        read[i] = value == null ? 0 : value.doubleValue();
                    }
                    return read;
                }).one().block(interval.multipliedBy(2));
                query.values.set(values == null ? nan(query.columns) : values);
            } catch (RuntimeException e) {
                query.values.set(nan(query.columns));
                log.debug("Gauge query failed: {}", e.getClass().getSimpleName());
            }
        }
        return interval;
    }

    private static double[] nan(int columns) {
        double[] values = new double[columns];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    private static final class Query {
        private final String sql;
        private final int columns;
        private final AtomicReference<double[]> values;

        private Query(String sql, int columns) {
            this.sql = sql;
            this.columns = columns;
            this.values = new AtomicReference<>(nan(columns));
        }
    }
}
