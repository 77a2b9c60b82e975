package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrgencyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Some nights I think about suicide.", "I want to die.", "He is going to kill me.",
            "I'm not safe at home.", "Quiero morir.", "Dijo que me va a matar.", "Estoy en peligro.", "I HURT MYSELF"})
    void selfHarmAndImmediateDangerAreUrgent(String text) {
        assertThat(Urgency.of(null, text, List.of())).isTrue();
    }

    @Test
    void theAuthorsSelfHarmWarningIsUrgentAndAnOrdinaryStoryIsNot() {
        assertThat(Urgency.of(null, "Nothing more to say.", List.of("self-harm"))).isTrue();
        assertThat(Urgency.of("Years later", "It happened in college. I told my friend.", List.of("sexual-violence"))).isFalse();
        assertThat(Urgency.of("I want to die", "the title says it", List.of())).isTrue();
    }

    @Test
    void aHostileTextIsScannedInLinearTime() {
        String text = "kill ".repeat(4000) + "mata".repeat(1000);
        long start = System.nanoTime();
        assertThat(Urgency.of(null, text, List.of())).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
