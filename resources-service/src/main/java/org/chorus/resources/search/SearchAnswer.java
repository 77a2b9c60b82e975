package org.chorus.resources.search;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.hotline.NationalHotline;
import org.chorus.resources.hotline.NationalHotlines;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Every answer starts with the national hotlines; when nothing is near, they are the whole answer.
 *
 * @param nothingNear  true when no service matched, so a page can lead with the hotlines
 * @param unavailable  true when the local directory could not be read: the hotlines are still given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SearchAnswer(List<NationalHotline> nationalHotlines, boolean nothingNear, boolean unavailable,
                    List<Match> results) {

    static SearchAnswer of(List<Match> results) {
        return new SearchAnswer(NationalHotlines.ALL, results.isEmpty(), false, results);
    }

    /** Help is never down: without the database, the national hotlines are the answer. */
    static SearchAnswer directoryUnavailable() {
        return new SearchAnswer(NationalHotlines.ALL, true, true, List.of());
    }

    /**
     * @param distanceKm from the searched place to the location's public point (for a confidential location, the
     *                   centre of its ZIP area, never where it truly is), rounded to 0.1 km; null for a virtual service
     * @param service    the service's public JSON with this place as its {@code location} (a {@link ServiceView}
     *                   seen by the public), rendered by the database when the service last changed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Match(Double distanceKm,
                 @JsonRawValue @Schema(implementation = ServiceView.class) String service) {
    }
}
