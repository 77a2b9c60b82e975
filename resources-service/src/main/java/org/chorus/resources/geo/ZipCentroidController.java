package org.chorus.resources.geo;

import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The centre of a ZIP code for staff entering a location, so the portal can fill its coordinates without a geocoder.
 * Staff only (resource-editor, by the {@code /api/admin/resources/**} rule): the public never asks this service where
 * a ZIP is; their searches turn a ZIP into a place inside the search itself.
 */
@RestController
class ZipCentroidController {

    private final ZipCentroids centroids;

    ZipCentroidController(ZipCentroids centroids) {
        this.centroids = centroids;
    }

    /** A ZIP+4 is read as its first five digits. */
    @GetMapping("/api/admin/resources/zip-centroids/{zip}")
    Mono<ZipCentroid> centroid(@PathVariable("zip") String zip) {
        if (!zip.matches("\\d{5}(-\\d{4})?")) {
            return Mono.error(new InvalidInput("zip", "must be a ZIP code of five digits (or ZIP+4)"));
        }
        String five = zip.substring(0, 5);
        return Mono.justOrEmpty(centroids.locate(five))
                .map(at -> new ZipCentroid(five, at.latitude(), at.longitude()))
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No centre is known for this ZIP code (a PO box or a unique ZIP has none); enter the coordinates.")));
    }

    record ZipCentroid(String zip, double latitude, double longitude) {
    }
}
