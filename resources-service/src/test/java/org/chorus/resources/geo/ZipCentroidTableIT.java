package org.chorus.resources.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** The database's copy of the ZIP centres (V4), which places confidential locations, is the shipped file exactly. */
@ResourcesIntegrationTest
class ZipCentroidTableIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    ZipCentroids zips;

    @Test
    void theTableHoldsEveryZipOfTheFileAtTheSameCentre() {
        Map<String, Coordinates> table = db.sql("select zip, latitude, longitude from zip_centroid")
                .map(row -> Map.entry(row.get("zip", String.class), new Coordinates(
                        row.get("latitude", Double.class), row.get("longitude", Double.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();

        assertThat(table).isEqualTo(zips.all());
    }
}
