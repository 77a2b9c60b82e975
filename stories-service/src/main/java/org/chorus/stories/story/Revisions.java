package org.chorus.stories.story;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.encryption.DataKey;
import org.chorus.stories.encryption.DataKeys;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.NamedAs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Pending author revisions of published stories, sealed under the story's data key. Callers own the transaction. */
@Component
public class Revisions {

    private final DatabaseClient db;
    private final DataKeys dataKeys;

    Revisions(DatabaseClient db, DataKeys dataKeys) {
        this.db = db;
        this.dataKeys = dataKeys;
    }

    /** The story's pending revision, unsealed; empty when there is none. */
    public Mono<PendingRevision> pending(StoryRow story) {
        return db.sql("""
                        select title_sealed, text_sealed, content_warnings, submitted_at, named_as, name_sealed
                        from story_revision where story_id = :id""")
                .bind("id", story.id())
                .map(row -> {
                    DataKey key = story.dataKey(dataKeys);
                    byte[] title = row.get("title_sealed", byte[].class);
                    String[] warnings = row.get("content_warnings", String[].class);
                    String namedAs = row.get("named_as", String.class);
                    byte[] name = row.get("name_sealed", byte[].class);
                    return new PendingRevision(
                            title == null ? null : key.open(title, StoryRow.context(story.id(), "revision-title")),
                            key.open(row.get("text_sealed", byte[].class), StoryRow.context(story.id(), "revision-text")),
                            warnings == null ? List.of() : Arrays.asList(warnings),
                            row.get("submitted_at", Instant.class),
                            namedAs == null ? null : NamedAs.fromSlug(namedAs, "namedAs"),
                            name == null ? null : key.open(name, StoryRow.context(story.id(), "revision-name")));
                })
                .one();
    }

    /** Stores the revision, replacing one that was still waiting; {@code author} null leaves the naming as it is. */
    Mono<Void> save(StoryRow story, String title, String text, List<String> warnings, AuthorName author, Instant at) {
        DataKey key = story.dataKey(dataKeys);
        UUID id = story.id();
        return db.sql("""
                        insert into story_revision (story_id, title_sealed, text_sealed, content_warnings, submitted_at,
                                                    named_as, name_sealed)
                        values (:id, :title, :text, cast(:warnings as text[]), :at, :namedAs, :name)
                        on conflict (story_id) do update set title_sealed = excluded.title_sealed,
                            text_sealed = excluded.text_sealed, content_warnings = excluded.content_warnings,
                            submitted_at = excluded.submitted_at, named_as = excluded.named_as,
                            name_sealed = excluded.name_sealed""")
                .bind("id", id)
                .bind("title", Parameter.fromOrEmpty(
                        title == null ? null : key.seal(title, StoryRow.context(id, "revision-title")), byte[].class))
                .bind("text", key.seal(text, StoryRow.context(id, "revision-text")))
                .bind("warnings", warnings.toArray(String[]::new))
                .bind("at", at)
                .bind("namedAs", Parameter.fromOrEmpty(author == null ? null : author.namedAs().slug(), String.class))
                .bind("name", Parameter.fromOrEmpty(
                        author == null ? null : Bylines.seal(id, author, key, "revision-name"), byte[].class))
                .then();
    }

    public Mono<Void> discard(UUID storyId) {
        return db.sql("delete from story_revision where story_id = :id").bind("id", storyId).then();
    }
}
