package org.chorus.stories.taxonomy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.chorus.web.InvalidInput;

/** How an author asked to be named on their story. Anonymous unless they choose otherwise. */
public enum NamedAs {
    ANONYMOUS("anonymous", new Label("Anonymous", "Anónimo")),
    FIRST_NAME("first-name", new Label("My first name", "Mi nombre de pila")),
    PSEUDONYM("pseudonym", new Label("A name I choose", "Un nombre que elijo"));

    static final String SLUGS = Arrays.stream(values()).map(NamedAs::slug).collect(Collectors.joining(", "));

    private final String slug;
    private final Label label;

    NamedAs(String slug, Label label) {
        this.slug = slug;
        this.label = label;
    }

    /** How the share and manage pages offer the choice to the author. */
    Label label() {
        return label;
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    public static NamedAs fromSlug(String slug, String field) {
        return Arrays.stream(values()).filter(value -> value.slug.equals(slug)).findFirst()
                // the offending value is not echoed: it is the author's input
                .orElseThrow(() -> new InvalidInput(field, "must be one of: " + SLUGS));
    }
}
