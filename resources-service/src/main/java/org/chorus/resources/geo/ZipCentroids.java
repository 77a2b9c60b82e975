package org.chorus.resources.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The centre of every US ZIP code tabulation area, shipped with the service so that turning a ZIP into a place
 * never asks anyone else (a geocoder would learn who looks for help where). The file is platform/contracts'
 * {@code org/chorus/contracts/geo/zcta-centroids.csv.gz} (source and licence in its README), which notifications-service
 * reads too.
 */
@Component
public class ZipCentroids {

    private static final String RESOURCE = "org/chorus/contracts/geo/zcta-centroids.csv.gz";

    private final Map<String, Coordinates> byZip;

    public ZipCentroids() {
        this.byZip = load();
    }

    /** Empty for a ZIP that is not a ZCTA (PO boxes, unique ZIPs and typos alike). */
    public Optional<Coordinates> locate(String zip) {
        return Optional.ofNullable(zip).map(byZip::get);
    }

    public int size() {
        return byZip.size();
    }

    /** Every ZIP and its centre, for the database's copy ({@link ZipCentroidTable}). */
    Map<String, Coordinates> all() {
        return byZip;
    }

    private static Map<String, Coordinates> load() {
        Map<String, Coordinates> zips = new HashMap<>(40_000);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ClassPathResource(RESOURCE).getInputStream()), StandardCharsets.US_ASCII))) {
            lines.readLine(); // header: zip,lat,lon
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] cells = line.split(",", 3);
                zips.put(cells[0], new Coordinates(Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return Map.copyOf(zips);
    }
}
