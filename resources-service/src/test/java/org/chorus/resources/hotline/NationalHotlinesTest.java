package org.chorus.resources.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** The second half of the review: a number changes only when it changes here too. */
class NationalHotlinesTest {

    @Test
    void theNationalLinesAreExactlyTheReviewedOnes() {
        assertThat(NationalHotlines.ALL)
                .extracting(NationalHotline::name, NationalHotline::call, NationalHotline::text,
                        NationalHotline::chatUrl)
                .containsExactly(
                        tuple("National Sexual Assault Hotline (RAINN)", "1-800-656-4673",
                                null, "https://hotline.rainn.org/online"),
                        tuple("988 Suicide & Crisis Lifeline", "988", "Text 988", null),
                        tuple("National Domestic Violence Hotline", "1-800-799-7233",
                                "Text START to 88788", null),
                        tuple("Crisis Text Line", null, "Text HOME to 741741", null));
        assertThat(NationalHotlines.ALL).allMatch(NationalHotline::twentyFourSeven);
    }
}
