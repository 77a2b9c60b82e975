package org.chorus.stories.taxonomy;

import java.util.Arrays;
import java.util.List;

/**
 * The fixed taxonomy of content warnings. A page hides a story's text behind its warnings until the reader chooses
 * to see it, and readers can exclude warnings they do not want to meet. On the wire and in the database a warning
 * is its slug.
 */
public enum ContentWarning {
    SEXUAL_VIOLENCE("sexual-violence", new Label("sexual violence", "violencia sexual")),
    CHILD_ABUSE("child-abuse", new Label("child abuse", "abuso infantil")),
    SELF_HARM("self-harm", new Label("self-harm", "autolesión")),
    VIOLENCE("violence", new Label("violence", "violencia")),
    SUBSTANCE_USE("substance-use", new Label("substance use", "consumo de sustancias"));

    static final List<String> ALL = Arrays.stream(values()).map(ContentWarning::slug).toList();
    static final String SLUGS = String.join(", ", ALL);

    private final String slug;
    private final Label label;

    ContentWarning(String slug, Label label) {
        this.slug = slug;
        this.label = label;
    }

    Label label() {
        return label;
    }

    String slug() {
        return slug;
    }

    /** Whether this warning is among the given slugs. */
    public boolean in(List<String> slugs) {
        return slugs.contains(slug);
    }

    /** The given slugs, deduplicated in taxonomy order; anything outside the taxonomy is refused naming the field. */
    public static List<String> validated(List<String> slugs, String field) {
        return Slugs.validated(ALL, slugs, field, "warnings");
    }
}
