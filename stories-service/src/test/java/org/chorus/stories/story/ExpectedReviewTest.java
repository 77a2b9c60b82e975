package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedReviewTest {

    @Test
    void theQueueAtTheLastHoursPaceIsRoundedUpToWholeHours() {
        assertThat(ExpectedReview.of(10, 4).withinHours()).isEqualTo(3);
        assertThat(ExpectedReview.of(8, 4).withinHours()).isEqualTo(2);
    }

    @Test
    void aQueueShorterThanAnHoursWorkIsWithinAnHour() {
        assertThat(ExpectedReview.of(0, 5).withinHours()).isEqualTo(1);
        assertThat(ExpectedReview.of(3, 500).withinHours()).isEqualTo(1);
    }

    @Test
    void withNoDecisionInTheLastHourNoFigureIsGiven() {
        ExpectedReview review = ExpectedReview.of(1200, 0);

        assertThat(review.withinHours()).isNull();
        assertThat(review.waiting()).isEqualTo(1200);
    }
}
