package org.chorus.stories.story;

import java.util.Arrays;
import java.util.List;

/**
 * The fixed taxonomy of content warnings. A page hides a story's text behind its warnings until the reader chooses
 * to see it, and readers can exclude warnings they do not want to meet. On the wire and in the database a warning
 * is its slug.
 */
enum ContentWarning {
    SEXUAL_VIOLENCE("sexual-violence"),
    CHILD_ABUSE("child-abuse"),
    SELF_HARM("self-harm"),
    VIOLENCE("violence"),
    SUBSTANCE_USE("substance-use");

    static final List<String> ALL = Arrays.stream(values()).map(ContentWarning::slug).toList();
    static final String SLUGS = String.join(", ", ALL);

    private final String slug;

    ContentWarning(String slug) {
        this.slug = slug;
    }

    String slug() {
        return slug;
    }

    /** The given slugs, deduplicated in taxonomy order; anything outside the taxonomy is refused naming the field. */
    static List<String> validated(List<String> slugs, String field) {
        return Slugs.validated(ALL, slugs, field, "warnings");
    }
}
