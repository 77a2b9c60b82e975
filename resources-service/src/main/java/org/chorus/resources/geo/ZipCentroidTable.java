package org.chorus.resources.geo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 4: the ZIP centres in the database too, as {@code zip_centroid}, so that the database itself places a
 * confidential location at its ZIP's centre (V5 migration) whichever way the row was written. Java rather than SQL
 * because the one source is the shipped file; its checksum is the table's content, so a database migrated from an
 * older file fails Flyway's validation instead of silently disagreeing with {@link ZipCentroids}: a new file needs a
 * new migration.
 */
@Component
class ZipCentroidTable implements JavaMigration {

    private final ZipCentroids zips;

    ZipCentroidTable(ZipCentroids zips) {
        this.zips = zips;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "zip centroids";
    }

    @Override
    public Integer getChecksum() {
        return new TreeMap<>(zips.all()).toString().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement create = connection.createStatement()) {
            create.execute("""
                    create table zip_centroid (
                        zip       text primary key,
                        latitude  double precision not null,
                        longitude double precision not null
                    )""");
        }
        int size = zips.size();
        String[] codes = new String[size];
        Double[] latitudes = new Double[size];
        Double[] longitudes = new Double[size];
        int i = 0;
        for (Map.Entry<String, Coordinates> zip : zips.all().entrySet()) {
            codes[i] = zip.getKey();
            latitudes[i] = zip.getValue().latitude();
            longitudes[i] = zip.getValue().longitude();
            i++;
        }
        // one statement for the ~34,000 rows: three arrays, unnested
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into zip_centroid (zip, latitude, longitude)
                select * from unnest(?::text[], ?::float8[], ?::float8[])""")) {
            insert.setArray(1, connection.createArrayOf("text", codes));
            insert.setArray(2, connection.createArrayOf("float8", latitudes));
            insert.setArray(3, connection.createArrayOf("float8", longitudes));
            insert.executeUpdate();
        }
    }
}
