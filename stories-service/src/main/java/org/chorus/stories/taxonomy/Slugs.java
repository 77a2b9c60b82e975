package org.chorus.stories.taxonomy;

import java.util.List;
import org.chorus.web.InvalidInput;

/** The fixed taxonomies of stories (content warnings, themes) are lists of slugs, checked the same way. */
final class Slugs {

    private Slugs() {
    }

    /**
     * The given slugs, deduplicated in taxonomy order; anything outside the taxonomy is refused naming the field
     * (without echoing the offending value: it is the reader's input).
     */
    static List<String> validated(List<String> taxonomy, List<String> given, String field, String noun) {
        if (given == null) {
            return List.of();
        }
        if (!taxonomy.containsAll(given)) {
            throw new InvalidInput(field, "must only hold " + noun + " from: " + String.join(", ", taxonomy));
        }
        return taxonomy.stream().filter(given::contains).toList();
    }
}
