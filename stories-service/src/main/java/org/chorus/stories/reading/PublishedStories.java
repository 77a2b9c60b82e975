package org.chorus.stories.reading;

import org.chorus.stories.taxonomy.NamedAs;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.ReportReason;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.chorus.contracts.StoryFlagged;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** What the public reads (only the published copies, never the sealed originals) and how it reports a story. */
@Service
class PublishedStories {

    static final int EXCERPT = 280;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final Clock clock;
    /** A surge asks this on every page view; a count that is a few seconds old is as true for a reader. */
    private final Mono<Voices> voices;

    PublishedStories(DatabaseClient db, TransactionalOperator transactional, Outbox outbox, Clock clock) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.clock = clock;
        this.voices = db.sql("select count(*) as n from story").map(row -> new Voices(row.get("n", Long.class))).one()
                .cache(Duration.ofSeconds(10));
    }

    /**
     * Newest first. {@code featured} keeps only the stories moderators chose for the front page;
     * {@code themes} keeps the stories under any of them; {@code excludedWarnings} drops every story carrying any of
     * them; {@code query} is a PostgreSQL web-search query in the story's own language (English or Spanish stemming).
     */
    Mono<StoryPage> list(String language, List<String> themes, List<String> excludedWarnings, String query,
                         boolean featured, int page, int size) {
        StringBuilder sql = new StringBuilder("""
                select story_id, language, title, left(text, %d) as excerpt, length(text) > %d as longer,
                       content_warnings, published_at, named_as, name, themes
                from published_story where true""".formatted(EXCERPT, EXCERPT));
        if (language != null) {
            sql.append(" and language = :language");
        }
        if (!themes.isEmpty()) {
            sql.append(" and themes && cast(:themes as text[])");
        }
        if (featured) {
            sql.append(" and featured");
        }
        if (!excludedWarnings.isEmpty()) {
            sql.append(" and not (content_warnings && cast(:excluded as text[]))");
        }
        if (query != null) {
            // The query is parsed once per language, never once per row: a text search configuration that is a
            // constant is what lets the planner use the search index. The two branches mirror the stored column.
            sql.append(language == null
                    ? " and ((language = 'es' and search @@ websearch_to_tsquery('spanish'::regconfig, :query))"
                            + " or (language <> 'es' and search @@ websearch_to_tsquery('english'::regconfig, :query)))"
                    : " and search @@ websearch_to_tsquery(cast(:config as regconfig), :query)");
        }
        sql.append(" order by published_at desc, story_id limit :limit offset :offset");
        var spec = db.sql(sql.toString()).bind("limit", size + 1).bind("offset", (long) page * size);
        if (language != null) {
            spec = spec.bind("language", language);
        }
        if (!themes.isEmpty()) {
            spec = spec.bind("themes", themes.toArray(String[]::new));
        }
        if (!excludedWarnings.isEmpty()) {
            spec = spec.bind("excluded", excludedWarnings.toArray(String[]::new));
        }
        if (query != null) {
            spec = spec.bind("query", query);
            if (language != null) {
                spec = spec.bind("config", "es".equals(language) ? "spanish" : "english");
            }
        }
        return spec.map(row -> new StorySummary(
                        row.get("story_id", UUID.class),
                        row.get("language", String.class),
                        row.get("title", String.class),
                        Boolean.TRUE.equals(row.get("longer", Boolean.class))
                                ? row.get("excerpt", String.class) + "…" : row.get("excerpt", String.class),
                        warnings(row),
                        themes(row),
                        author(row).namedAs(),
                        author(row).byline(),
                        row.get("published_at", Instant.class)))
                .all().collectList()
                .map(items -> new StoryPage(items.subList(0, Math.min(size, items.size())), page, size, items.size() > size));
    }

    Mono<PublishedStory> one(UUID id) {
        return db.sql("""
                        select story_id, language, title, text, content_warnings, published_at, named_as, name, themes
                        from published_story where story_id = :id""")
                .bind("id", id)
                .map(row -> new PublishedStory(row.get("story_id", UUID.class), row.get("language", String.class),
                        row.get("title", String.class), row.get("text", String.class), warnings(row), themes(row),
                        author(row).namedAs(), author(row).byline(), row.get("published_at", Instant.class)))
                .one()
                .switchIfEmpty(Mono.error(notPublished()));
    }

    /** Flags the story for a moderator. It stays up: a report is never a verdict. */
    Mono<Void> report(UUID id, ReportReason reason) {
        Instant now = clock.instant();
        return db.sql("select 1 from published_story where story_id = :id").bind("id", id).map(row -> 1).one()
                .switchIfEmpty(Mono.error(notPublished()))
                .then(db.sql("insert into story_report (id, story_id, reason, reported_at) values (:id, :storyId, :reason, :now)")
                        .bind("id", UUID.randomUUID()).bind("storyId", id).bind("reason", reason.name()).bind("now", now)
                        .then())
                .then(outbox.append(Topics.STORIES, new StoryFlagged(UUID.randomUUID(), now, id, reason.name())))
                .as(transactional::transactional);
    }

    /** How many stories are shared and not withdrawn, whatever their status: every one is a voice. */
    Mono<Voices> voices() {
        return voices;
    }

    private static List<String> warnings(Readable row) {
        String[] warnings = row.get("content_warnings", String[].class);
        return warnings == null ? List.of() : Arrays.asList(warnings);
    }

    private static List<String> themes(Readable row) {
        String[] themes = row.get("themes", String[].class);
        return themes == null ? List.of() : Arrays.asList(themes);
    }

    private static AuthorName author(Readable row) {
        return new AuthorName(NamedAs.fromSlug(row.get("named_as", String.class), "namedAs"),
                row.get("name", String.class));
    }

    private static ResponseStatusException notPublished() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no published story with this id.");
    }
}
