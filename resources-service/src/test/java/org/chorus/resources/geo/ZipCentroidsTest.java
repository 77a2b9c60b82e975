package org.chorus.resources.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZipCentroidsTest {

    private final ZipCentroids zips = new ZipCentroids();

    @Test
    void knowsEveryZctaItShips() {
        assertThat(zips.size()).isEqualTo(33_791);
    }

    @Test
    void findsTheCentreOfAZipArea() {
        Coordinates chelsea = zips.locate("10001").orElseThrow();
        assertThat(chelsea.latitude()).isCloseTo(40.7507, within(0.0001));
        assertThat(chelsea.longitude()).isCloseTo(-73.9973, within(0.0001));
        assertThat(zips.locate("02108")).as("leading zeros are kept").isPresent();
    }

    @Test
    void unknownOrMalformedZipIsEmpty() {
        assertThat(zips.locate("00000")).isEmpty();
        assertThat(zips.locate("1000")).isEmpty();
        assertThat(zips.locate(null)).isEmpty();
    }
}
