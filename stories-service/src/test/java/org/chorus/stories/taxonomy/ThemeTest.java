package org.chorus.stories.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;

class ThemeTest {

    @Test
    void theDocumentedListIsTheTaxonomy() {
        assertThat(Theme.DOCUMENTED_SLUGS).isEqualTo(Theme.SLUGS);
    }

    @Test
    void themesComeBackDeduplicatedInTaxonomyOrder() {
        assertThat(Theme.ofStory(List.of("support", "healing", "support"), "themes")).containsExactly("healing", "support");
    }

    @Test
    void aStoryHasAFewThemesAtMostButAFilterMayAskForAll() {
        List<String> all = List.of(Theme.SLUGS.split(", "));

        assertThat(Theme.validated(all, "theme")).hasSize(Theme.values().length);
        assertThatThrownBy(() -> Theme.ofStory(all, "themes")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("themes"));
    }
}
