package org.chorus.stories.story;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.chorus.web.InvalidInput;

/** How an author asked to be named on their story. Anonymous unless they choose otherwise. */
enum NamedAs {
    ANONYMOUS("anonymous"),
    FIRST_NAME("first-name"),
    PSEUDONYM("pseudonym");

    static final String SLUGS = Arrays.stream(values()).map(NamedAs::slug).collect(Collectors.joining(", "));

    private final String slug;

    NamedAs(String slug) {
        this.slug = slug;
    }

    @JsonValue
    String slug() {
        return slug;
    }

    static NamedAs fromSlug(String slug, String field) {
        return Arrays.stream(values()).filter(value -> value.slug.equals(slug)).findFirst()
                // the offending value is not echoed: it is the author's input
                .orElseThrow(() -> new InvalidInput(field, "must be one of: " + SLUGS));
    }
}
