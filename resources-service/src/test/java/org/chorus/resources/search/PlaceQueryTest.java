package org.chorus.resources.search;

import org.chorus.resources.taxonomy.TaxonomyTerm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chorus.resources.geo.ZipCentroids;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;

class PlaceQueryTest {

    private static final ZipCentroids ZIPS = new ZipCentroids();

    @Test
    void zipBecomesItsCentreWithTheDefaultRadiusAndSize() {
        PlaceQuery.Resolved resolved = new PlaceQuery("90210", null, null, null, null, null, null, null, null, null,
                null, null).resolve(ZIPS);

        assertThat(resolved.origin().latitude()).isEqualTo(34.1005);
        assertThat(resolved.radiusKm()).isEqualTo(PlaceQuery.DEFAULT_RADIUS_KM);
        assertThat(resolved.size()).isEqualTo(PlaceQuery.DEFAULT_SIZE);
        assertThat(resolved.openNow()).isFalse();
    }

    @Test
    void notANumberIsOutOfRange() {
        assertThatThrownBy(() -> new PlaceQuery(null, Double.NaN, 0.0, null, null, null, null, null, null, null,
                null, null).resolve(ZIPS))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("latitude");
        assertThatThrownBy(() -> new PlaceQuery("10001", null, null, Double.POSITIVE_INFINITY, null, null, null, null,
                null, null, null, null).resolve(ZIPS))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("radius_km");
    }

    @Test
    void taxonomyTermsComeFromTheFixedList() {
        assertThat(TaxonomyTerm.isKnown("medical-forensic-exam")).isTrue();
        assertThatThrownBy(() -> new PlaceQuery("10001", null, null, null, "Shelter", null, null, null, null, null,
                null, null).resolve(ZIPS))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("taxonomy_term");
    }
}
