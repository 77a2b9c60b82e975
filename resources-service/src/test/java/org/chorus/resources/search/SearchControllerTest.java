package org.chorus.resources.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.chorus.resources.geo.ZipCentroids;
import org.chorus.resources.hotline.NationalHotlines;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Mono;

class SearchControllerTest {

    private final SearchQueries queries = mock(SearchQueries.class);
    private final SearchController controller = new SearchController(queries, new ZipCentroids());

    @Test
    void searchWithTheDatabaseDownStillAnswersWithTheNationalHotlines() {
        when(queries.search(any())).thenReturn(Mono.error(new DataAccessResourceFailureException("down")));

        SearchAnswer answer = controller.search(query("10001")).block();

        assertThat(answer).isNotNull();
        assertThat(answer.unavailable()).isTrue();
        assertThat(answer.nothingNear()).isTrue();
        assertThat(answer.nationalHotlines()).isEqualTo(NationalHotlines.ALL);
    }

    @Test
    void badInputIsStillRefusedNotHiddenBehindTheHotlines() {
        assertThatThrownBy(() -> controller.search(query("00000")))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("zip");
    }

    private static PlaceQuery query(String zip) {
        return new PlaceQuery(zip, null, null, null, null, null, null, null, null, null, null, null);
    }
}
