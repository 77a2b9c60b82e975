package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chorus.stories.moderation.PiiHints.Hint;
import org.chorus.stories.moderation.PiiHints.Kind;
import org.junit.jupiter.api.Test;

class PiiHintsTest {

    @Test
    void emailsPhonesAndUrlsAreHinted() {
        String text = "Write to jo.doe+x@mail.example.org or call +1 (555) 123-4567, see https://example.org/me.";

        assertThat(found(text, Kind.EMAIL)).containsExactly("jo.doe+x@mail.example.org");
        assertThat(found(text, Kind.PHONE)).containsExactly("+1 (555) 123-4567");
        assertThat(found(text, Kind.URL)).containsExactly("https://example.org/me");
    }

    @Test
    void streetAddressesAreHintedInEnglishAndSpanish() {
        assertThat(found("He lived at 42 Elm Street then.", Kind.STREET_ADDRESS)).containsExactly("42 Elm Street");
        assertThat(found("Vivía en la Calle Mayor 12 con él.", Kind.STREET_ADDRESS)).containsExactly("Calle Mayor 12");
    }

    @Test
    void capitalisedWordsMidSentenceAreLikelyNames() {
        String text = "It was my coach, Daniel Ortega Ruiz. He told me in May that I was special.";

        assertThat(found(text, Kind.NAME)).containsExactly("Daniel Ortega Ruiz");
    }

    @Test
    void wordsThatStartASentenceAreNotNames() {
        assertThat(found("Nobody knew. Then it stopped! Years passed.", Kind.NAME)).isEmpty();
    }

    @Test
    void plainTextHasNoHints() {
        assertThat(PiiHints.in("it happened when i was young and i told no one for years")).isEmpty();
        assertThat(PiiHints.in("")).isEmpty();
    }

    @Test
    void offsetsCountAsABrowserDoes() {
        String text = "✊🏽 then Ana.";

        Hint hint = PiiHints.in(text).get(0);

        assertThat(text.substring(hint.start(), hint.end())).isEqualTo("Ana");
    }

    private static List<String> found(String text, Kind kind) {
        return PiiHints.in(text).stream().filter(hint -> hint.kind() == kind)
                .map(hint -> text.substring(hint.start(), hint.end())).toList();
    }
}
