package org.chorus.stories.story;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.encryption.DataKey;
import org.chorus.stories.encryption.DataKeys;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.NamedAs;

/** A whole story as stored, title and text still sealed, with the wrapped data key that opens them. */
public record StoryRow(UUID id, StoryStatus status, int version, String language, List<String> contentWarnings,
                byte[] titleSealed, byte[] textSealed, String rejectionReason, String revisionFeedback,
                Instant submittedAt, String masterKeyId, byte[] wrappedKey, NamedAs namedAs, byte[] nameSealed,
                List<String> suggestedThemes) {

    public static final String SELECT = """
            select s.id, s.status, s.version, s.language, s.content_warnings, s.title_sealed, s.text_sealed,
                   s.rejection_reason, s.revision_feedback, s.submitted_at, k.master_key_id, k.wrapped_key,
                   s.named_as, s.name_sealed, s.suggested_themes
            from story s join story_data_key k on k.story_id = s.id""";

    public static StoryRow from(Readable row) {
        String[] warnings = row.get("content_warnings", String[].class);
        String[] themes = row.get("suggested_themes", String[].class);
        return new StoryRow(
                row.get("id", UUID.class),
                StoryStatus.valueOf(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("language", String.class),
                warnings == null ? List.of() : Arrays.asList(warnings),
                row.get("title_sealed", byte[].class),
                row.get("text_sealed", byte[].class),
                row.get("rejection_reason", String.class),
                row.get("revision_feedback", String.class),
                row.get("submitted_at", Instant.class),
                row.get("master_key_id", String.class),
                row.get("wrapped_key", byte[].class),
                NamedAs.fromSlug(row.get("named_as", String.class), "namedAs"),
                row.get("name_sealed", byte[].class),
                themes == null ? List.of() : Arrays.asList(themes));
    }

    /** Binds a sealed value to its story and field, so sealed bytes moved elsewhere do not open. */
    public static String context(UUID storyId, String field) {
        return storyId + "/" + field;
    }

    /** A title (the author's or a moderator's) left blank is no title. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public DataKey dataKey(DataKeys keys) {
        return keys.unwrap(masterKeyId, wrappedKey);
    }

    /** The title alone, for lists that do not need the (much longer) text unsealed. */
    public String title(DataKeys keys) {
        return titleSealed == null ? null : dataKey(keys).open(titleSealed, context(id, "title"));
    }

    public Opened open(DataKeys keys) {
        DataKey key = dataKey(keys);
        return new Opened(
                titleSealed == null ? null : key.open(titleSealed, context(id, "title")),
                key.open(textSealed, context(id, "text")),
                new AuthorName(namedAs, nameSealed == null ? null : key.open(nameSealed, context(id, "name"))));
    }

    public record Opened(String title, String text, AuthorName author) {
    }
}
