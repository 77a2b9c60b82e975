package org.chorus.stories.story;

import java.util.UUID;
import org.chorus.stories.encryption.DataKey;
import org.chorus.stories.taxonomy.AuthorName;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores how an author is named: sealed under the story's data key on the story itself, in clear on the published
 * copy once a moderator approved it. Callers own the transaction.
 */
@Component
public class Bylines {

    private final DatabaseClient db;

    Bylines(DatabaseClient db) {
        this.db = db;
    }

    static byte[] seal(UUID storyId, AuthorName author, DataKey key, String field) {
        return author.anonymous() ? null : key.seal(author.name(), StoryRow.context(storyId, field));
    }

    public Mono<Void> onStory(UUID storyId, AuthorName author, DataKey key) {
        return db.sql("update story set named_as = :namedAs, name_sealed = :name where id = :id")
                .bind("namedAs", author.namedAs().slug())
                .bind("name", Parameter.fromOrEmpty(seal(storyId, author, key, "name"), byte[].class))
                .bind("id", storyId)
                .then();
    }

    public Mono<Void> onPublishedCopy(UUID storyId, AuthorName author) {
        return db.sql("update published_story set named_as = :namedAs, name = :name where story_id = :id")
                .bind("namedAs", author.namedAs().slug())
                .bind("name", Parameter.fromOrEmpty(author.name(), String.class))
                .bind("id", storyId)
                .then();
    }
}
