package org.chorus.notifications.nearby;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * The centres of the US ZIP code areas, from the file platform/contracts ships for resources-service and this
 * service alike (org/chorus/contracts/geo, source in its README): where a subscriber's ZIP is, without asking anyone.
 */
@Component
class ZipAreas {

    private static final String RESOURCE = "/org/chorus/contracts/geo/zcta-centroids.csv.gz";
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final Map<String, double[]> centres;

    ZipAreas() {
        Map<String, double[]> zips = new HashMap<>(40_000);
        try (InputStream in = ZipAreas.class.getResourceAsStream(RESOURCE);
             BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                     StandardCharsets.US_ASCII))) {
            lines.readLine(); // header: zip,lat,lon
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] cells = line.split(",", 3);
                zips.put(cells[0], new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
        this.centres = Map.copyOf(zips);
    }

    Optional<double[]> centre(String zip) {
        return Optional.ofNullable(zip).map(centres::get);
    }

    /** Every ZIP whose centre is within {@code km} of the point. */
    Set<String> within(double latitude, double longitude, double km) {
        Set<String> near = new HashSet<>();
        centres.forEach((zip, centre) -> {
            if (distanceKm(latitude, longitude, centre[0], centre[1]) <= km) {
                near.add(zip);
            }
        });
        return near;
    }

    /** Great-circle distance (haversine), as search measures it. */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return EARTH_RADIUS_KM * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
