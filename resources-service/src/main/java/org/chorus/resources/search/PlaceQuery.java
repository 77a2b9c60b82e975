package org.chorus.resources.search;

import java.util.regex.Pattern;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.geo.ZipCentroids;
import org.chorus.resources.taxonomy.TaxonomyTerm;
import org.chorus.web.InvalidInput;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A search by place: a US ZIP code or a latitude/longitude, a radius, and optional filters. Sent as a POST body so
 * a ZIP need not sit in a URL or an access log; the same names work as GET query parameters.
 *
 * @param virtual true for services reached only by phone or online (they have no distance), false or absent for
 *                services people can go to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PlaceQuery(String zip, Double latitude, Double longitude, Double radiusKm, String taxonomyTerm,
                  String language, Boolean openNow, Boolean twentyFourSeven, String accessibility, Boolean virtual,
                  Boolean free, Integer size) {

    static final double DEFAULT_RADIUS_KM = 40;
    static final double MAX_RADIUS_KM = 500;
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    private static final Pattern ZIP = Pattern.compile("\\d{5}");
    private static final Pattern CODE = Pattern.compile("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");

    /** The query with its origin found and every value checked; throws {@link InvalidInput} otherwise. */
    Resolved resolve(ZipCentroids zips) {
        Coordinates origin;
        if (zip != null) {
            if (latitude != null || longitude != null) {
                throw new InvalidInput("zip", "give either a ZIP code or latitude and longitude, not both");
            }
            if (!ZIP.matcher(zip).matches()) {
                throw new InvalidInput("zip", "must be a five-digit US ZIP code");
            }
            origin = zips.locate(zip).orElseThrow(() -> new InvalidInput("zip", "is not a known US ZIP code"));
        } else {
            if (latitude == null || longitude == null) {
                throw new InvalidInput(latitude == null ? "latitude" : "longitude",
                        "is required when no ZIP code is given");
            }
            if (!(latitude >= -90 && latitude <= 90)) {
                throw new InvalidInput("latitude", "must be between -90 and 90");
            }
            if (!(longitude >= -180 && longitude <= 180)) {
                throw new InvalidInput("longitude", "must be between -180 and 180");
            }
            origin = new Coordinates(latitude, longitude);
        }
        double radius = radiusKm == null ? DEFAULT_RADIUS_KM : radiusKm;
        if (!(radius > 0 && radius <= MAX_RADIUS_KM)) {
            throw new InvalidInput("radius_km", "must be more than 0 and at most " + (int) MAX_RADIUS_KM);
        }
        if (taxonomyTerm != null && !TaxonomyTerm.isKnown(taxonomyTerm)) {
            throw new InvalidInput("taxonomy_term", "is not one of " + TaxonomyTerm.codes());
        }
        code("language", language);
        code("accessibility", accessibility);
        int limit = size == null ? DEFAULT_SIZE : size;
        if (limit < 1 || limit > MAX_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_SIZE);
        }
        return new Resolved(origin, radius, taxonomyTerm, language, Boolean.TRUE.equals(openNow),
                Boolean.TRUE.equals(twentyFourSeven), accessibility, Boolean.TRUE.equals(virtual),
                Boolean.TRUE.equals(free), limit);
    }

    private static void code(String field, String value) {
        if (value != null && (value.length() > 40 || !CODE.matcher(value).matches())) {
            throw new InvalidInput(field, "is not a valid code");
        }
    }

    record Resolved(Coordinates origin, double radiusKm, String taxonomyTerm, String language, boolean openNow,
                    boolean twentyFourSeven, String accessibility, boolean virtual, boolean free, int size) {
    }
}
