package org.chorus.resources.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.randomZipArea;
import static org.chorus.resources.directory.DirectoryFixtures.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.directory.DirectoryFixtures.ZipArea;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.geo.ZipCentroids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An attacker who wants to find a shelter may send any number of public searches from any points, with any radius,
 * and read the detail, the list and the public export. Whatever they do, the best they can learn is the shelter's
 * public point: the centre of its ZIP code area (which every public answer names anyway), or without a known ZIP the
 * centre of its 0.1° cell. Here the shelter's true place is 3 km from its ZIP's centre, and every attack ends at the
 * centre, never nearer the truth; moving the shelter within its ZIP area changes no public answer by a single byte.
 */
@ResourcesIntegrationTest
class ConfidentialLocationCannotBeLocatedIT {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE = 111.195;
    /** How far from its ZIP's centre the shelter truly is. */
    private static final double OFFSET_KM = 3;
    /** distance_km is rounded to 0.1 km, so a fit of many of them lands within this of the point they measure. */
    private static final double FIT_KM = 0.25;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ZipCentroids zips;

    @Autowired
    JsonMapper json;

    @Test
    void trilaterationFromDistancesEndsAtTheZipCentre() {
        Shelter shelter = aShelterAwayFromItsZipCentre();
        List<double[]> readings = new ArrayList<>();
        for (Coordinates from : ring(shelter.truePlace(), 5, 12)) {
            readings.add(new double[] {from.latitude(), from.longitude(), distanceKm(shelter, from, 40)});
        }
        for (Coordinates from : ring(shelter.truePlace(), 15, 8)) {
            readings.add(new double[] {from.latitude(), from.longitude(), distanceKm(shelter, from, 40)});
        }
        Coordinates estimate = trilaterate(shelter.publicPoint(), readings);

        assertThat(km(estimate, shelter.publicPoint())).isLessThan(FIT_KM);
        assertThat(km(estimate, shelter.truePlace())).isGreaterThan(OFFSET_KM - FIT_KM);
    }

    @Test
    void radiusBisectionEndsAtTheZipCentre() {
        Shelter shelter = aShelterAwayFromItsZipCentre();
        List<double[]> readings = new ArrayList<>();
        for (Coordinates from : ring(shelter.truePlace(), 8, 5)) {
            double inside = 20;
            double outside = 0.01;
            assertThat(found(shelter, from, inside)).isTrue();
            while (inside - outside > 0.005) {
                double radius = (inside + outside) / 2;
                if (found(shelter, from, radius)) {
                    inside = radius;
                } else {
                    outside = radius;
                }
            }
            readings.add(new double[] {from.latitude(), from.longitude(), inside});
            assertThat(inside).isCloseTo(km(from, shelter.publicPoint()), within(0.02));
        }
        Coordinates estimate = trilaterate(shelter.publicPoint(), readings);

        assertThat(km(estimate, shelter.publicPoint())).isLessThan(0.05);
        assertThat(km(estimate, shelter.truePlace())).isGreaterThan(OFFSET_KM - 0.05);
    }

    /**
     * A clinic stands where, seen from a point beyond the shelter, it is farther than the true shelter but nearer
     * than the ZIP centre. The order of results must follow the centre, from there and from every other point.
     */
    @Test
    void theOrderOfResultsFollowsTheZipCentre() {
        Shelter shelter = aShelterAwayFromItsZipCentre();
        Coordinates beyond = towards(shelter.publicPoint(), shelter.truePlace(), 2 * OFFSET_KM);
        Coordinates clinic = offset(beyond, 1.5 * OFFSET_KM * Math.cos(shelter.bearing() + Math.PI / 2),
                1.5 * OFFSET_KM * Math.sin(shelter.bearing() + Math.PI / 2));
        Map<String, Object> body = service("Order clinic " + UUID.randomUUID(), clinic.latitude(),
                clinic.longitude());
        body.put("taxonomy_terms", List.of("shelter"));
        UUID clinicId = create(http, body);

        List<Coordinates> points = new ArrayList<>(ring(shelter.truePlace(), 6, 16));
        points.add(beyond);
        int compared = 0;
        for (Coordinates from : points) {
            double toShelter = km(from, shelter.publicPoint());
            double toClinic = km(from, clinic);
            if (Math.abs(toShelter - toClinic) < 0.05) {
                continue;
            }
            List<String> order = search(from, 40).get("results").valueStream()
                    .map(match -> match.get("service").get("id").asString())
                    .filter(id -> id.equals(shelter.id().toString()) || id.equals(clinicId.toString())).toList();
            assertThat(order).as("order seen from %s", from)
                    .containsExactly(toShelter < toClinic
                            ? new String[] {shelter.id().toString(), clinicId.toString()}
                            : new String[] {clinicId.toString(), shelter.id().toString()});
            compared++;
        }
        assertThat(compared).isGreaterThan(10);
    }

    /** The strongest form: the true coordinates are not an input of any public answer. */
    @Test
    void movingTheShelterWithinItsZipChangesNoPublicAnswer() {
        Shelter shelter = aShelterAwayFromItsZipCentre();
        List<String> before = everyPublicAnswer(shelter);
        assertThat(String.join("\n", before)).contains(shelter.name()).contains("\"call_for_location\":true")
                .doesNotContain(shelter.street())
                .doesNotContain(String.valueOf(shelter.truePlace().latitude()))
                .doesNotContain(String.valueOf(shelter.truePlace().longitude()));

        Coordinates elsewhere = offset(shelter.publicPoint(), -2, 1.5);
        moveInTheDatabase(shelter.id(), elsewhere);

        assertThat(everyPublicAnswer(shelter)).isEqualTo(before);
    }

    /** A ZIP that is not a ZIP code tabulation area (a PO box, say) has no centre; the 0.1° cell stands in. */
    @Test
    void withoutAKnownZipTheShelterStandsAtTheCentreOfItsCell() {
        Coordinates truePlace = null;
        Coordinates cellCentre = null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (cellCentre == null || km(truePlace, cellCentre) < 2) {
            truePlace = new Coordinates(random.nextDouble(31, 46), random.nextDouble(-118, -78));
            cellCentre = new Coordinates(Math.floor(truePlace.latitude() * 10) / 10 + 0.05,
                    Math.floor(truePlace.longitude() * 10) / 10 + 0.05);
        }
        Shelter shelter = aShelter(truePlace, "00000", cellCentre);
        List<double[]> readings = new ArrayList<>();
        for (Coordinates from : ring(truePlace, 7, 12)) {
            readings.add(new double[] {from.latitude(), from.longitude(), distanceKm(shelter, from, 40)});
        }
        Coordinates estimate = trilaterate(cellCentre, readings);
        assertThat(km(estimate, cellCentre)).isLessThan(FIT_KM);

        List<String> before = everyPublicAnswer(shelter);
        // the farthest corner of the same cell
        double north = truePlace.latitude() < cellCentre.latitude() ? 0.049 : -0.049;
        double east = truePlace.longitude() < cellCentre.longitude() ? 0.049 : -0.049;
        moveInTheDatabase(shelter.id(), new Coordinates(cellCentre.latitude() + north, cellCentre.longitude() + east));
        assertThat(everyPublicAnswer(shelter)).isEqualTo(before);
    }

    record Shelter(UUID id, String name, String street, Coordinates truePlace, Coordinates publicPoint,
                   double bearing) {
    }

    /** A DEMO-style shelter in a random ZIP area of the lower 48, truly 3 km from the area's centre. */
    private Shelter aShelterAwayFromItsZipCentre() {
        ZipArea area = randomZipArea(zips);
        double bearing = ThreadLocalRandom.current().nextDouble(0, 2 * Math.PI);
        Coordinates truePlace = offset(area.centre(), OFFSET_KM * Math.cos(bearing), OFFSET_KM * Math.sin(bearing));
        Shelter shelter = aShelter(truePlace, area.zip(), area.centre());
        return new Shelter(shelter.id(), shelter.name(), shelter.street(), truePlace, area.centre(), bearing);
    }

    private Shelter aShelter(Coordinates truePlace, String zip, Coordinates publicPoint) {
        String name = "DEMO Safe House " + UUID.randomUUID();
        String street = "DEMO confidential address " + UUID.randomUUID();
        Map<String, Object> body = service(name, truePlace.latitude(), truePlace.longitude());
        body.put("taxonomy_terms", List.of("shelter"));
        Map<String, Object> place = location(body);
        place.put("location_type", "confidential");
        place.put("address_1", street);
        place.put("postal_code", zip);
        return new Shelter(create(http, body), name, street, truePlace, publicPoint, 0);
    }

    /** By hand in SQL, so nothing else about the service changes (not even modified_at). */
    private void moveInTheDatabase(UUID id, Coordinates to) {
        db.sql("update location set latitude = :lat, longitude = :lon where service_id = :id")
                .bind("lat", to.latitude()).bind("lon", to.longitude()).bind("id", id)
                .then().block();
    }

    /**
     * Search (POST and GET) from points around the shelter at radii that cut through it, the detail, the list and the
     * public export, each as the exact bytes sent.
     */
    private List<String> everyPublicAnswer(Shelter shelter) {
        List<String> answers = new ArrayList<>();
        for (Coordinates from : ring(shelter.truePlace(), 4, 8)) {
            for (double radius : new double[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 40}) {
                answers.add(http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("latitude", from.latitude(), "longitude", from.longitude(),
                                "radius_km", radius, "taxonomy_term", "shelter", "size", 100))
                        .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            }
            answers.add(http.get().uri("/api/resources/search?latitude={lat}&longitude={lon}&radius_km=5&size=1",
                            from.latitude(), from.longitude())
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        }
        answers.add(http.get().uri("/api/resources/search?latitude={lat}&longitude={lon}&radius_km=0.5",
                        shelter.truePlace().latitude(), shelter.truePlace().longitude())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        answers.add(http.get().uri("/api/resources/services/{id}", shelter.id())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        answers.add(http.get().uri("/api/resources/services?search={name}", shelter.name())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        answers.add(http.get().uri("/api/resources/export")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        return answers;
    }

    private JsonNode search(Coordinates from, double radiusKm) {
        String body = http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("latitude", from.latitude(), "longitude", from.longitude(), "radius_km", radiusKm,
                        "taxonomy_term", "shelter", "size", 100))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body);
    }

    private double distanceKm(Shelter shelter, Coordinates from, double radiusKm) {
        return search(from, radiusKm).get("results").valueStream()
                .filter(match -> match.get("service").get("id").asString().equals(shelter.id().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("the shelter is not found from " + from))
                .get("distance_km").asDouble();
    }

    private boolean found(Shelter shelter, Coordinates from, double radiusKm) {
        return search(from, radiusKm).get("results").valueStream()
                .anyMatch(match -> match.get("service").get("id").asString().equals(shelter.id().toString()));
    }

    /** Points on a circle of radiusKm around a centre, evenly spaced. */
    private static List<Coordinates> ring(Coordinates centre, double radiusKm, int count) {
        List<Coordinates> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double angle = 2 * Math.PI * i / count + 0.1;
            points.add(offset(centre, radiusKm * Math.cos(angle), radiusKm * Math.sin(angle)));
        }
        return points;
    }

    private static Coordinates offset(Coordinates from, double northKm, double eastKm) {
        return new Coordinates(from.latitude() + northKm / KM_PER_DEGREE,
                from.longitude() + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(from.latitude()))));
    }

    private static Coordinates towards(Coordinates from, Coordinates to, double km) {
        double[] local = local(from, to);
        double length = Math.hypot(local[0], local[1]);
        return offset(from, local[0] / length * km, local[1] / length * km);
    }

    /** North and east of origin in km, on the plane tangent at origin (metres off at these distances). */
    private static double[] local(Coordinates origin, Coordinates point) {
        return new double[] {(point.latitude() - origin.latitude()) * KM_PER_DEGREE,
                (point.longitude() - origin.longitude()) * KM_PER_DEGREE * Math.cos(Math.toRadians(origin.latitude()))};
    }

    /**
     * The attacker's best estimate from points and measured distances: linear least squares on the tangent plane
     * (each circle minus the first is a line; the lines' best meeting point).
     */
    private static Coordinates trilaterate(Coordinates origin, List<double[]> readings) {
        double[][] xy = new double[readings.size()][];
        for (int i = 0; i < readings.size(); i++) {
            xy[i] = local(origin, new Coordinates(readings.get(i)[0], readings.get(i)[1]));
        }
        double d0 = readings.get(0)[2];
        double aa = 0;
        double ab = 0;
        double bb = 0;
        double ac = 0;
        double bc = 0;
        for (int i = 1; i < readings.size(); i++) {
            double a = 2 * (xy[i][0] - xy[0][0]);
            double b = 2 * (xy[i][1] - xy[0][1]);
            double di = readings.get(i)[2];
            double c = d0 * d0 - di * di + xy[i][0] * xy[i][0] + xy[i][1] * xy[i][1]
                    - xy[0][0] * xy[0][0] - xy[0][1] * xy[0][1];
            aa += a * a;
            ab += a * b;
            bb += b * b;
            ac += a * c;
            bc += b * c;
        }
        double det = aa * bb - ab * ab;
        double north = (ac * bb - ab * bc) / det;
        double east = (aa * bc - ab * ac) / det;
        return offset(origin, north, east);
    }

    /** Great-circle distance on the sphere the service uses. */
    private static double km(Coordinates a, Coordinates b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return EARTH_RADIUS_KM * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
