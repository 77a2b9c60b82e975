package org.chorus.stories.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chorus.web.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ana", "María José", "Zoë O'Brien-Ångström", "Survivor 2017", "J.", "नीरजा", "李小龙",
            "مريم", "Ana 👩🏾‍🦱", "فرشته\u200cها"})
    void namesPeopleGoByAreAccepted(String name) {
        assertThat(AuthorName.of("pseudonym", name, "namedAs", "name").name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.org", "@ana", "ana.com", "www.ana", "http://ana", "HTTPS://ANA",
            "555-0147 Ana", "Ana (212) 555 0147", "Ana\tB", "Ana\u2028B", "\u202eanA", "Ana\u0007", "Ana\ue000"})
    void namesThatCarryContactDetailsOrHiddenCharactersAreRefused(String name) {
        assertThatThrownBy(() -> AuthorName.of("first-name", name, "namedAs", "name"))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("name"));
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthorName.MAX_NAME})
    void lengthIsCountedInCharactersAsPeopleSeeThem(int length) {
        String emoji = "✊🏽".repeat(length / 2);

        assertThat(AuthorName.of("pseudonym", emoji, "namedAs", "name").name()).isEqualTo(emoji);
        assertThatThrownBy(() -> AuthorName.of("pseudonym", emoji + "✊🏽", "namedAs", "name"))
                .isInstanceOf(InvalidInput.class);
    }
}
