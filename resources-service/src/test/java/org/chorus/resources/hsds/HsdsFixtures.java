package org.chorus.resources.hsds;

import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two services that use every field the HSDS exports carry: a confidential shelter with its own street (which only
 * staff may see), types and accessibility, and a clinic with a physical and a virtual place, phones with languages,
 * hours past midnight, languages and the extension flags. Names, and the shelter's organization, start as a
 * spreadsheet formula would.
 */
final class HsdsFixtures {

    record TwoServices(UUID shelter, UUID clinic, String street) {
    }

    private HsdsFixtures() {
    }

    static TwoServices twoServices(WebTestClient http, String label) {
        double[] spot = randomSpot();
        String street = "9 Hidden Row " + UUID.randomUUID();
        Map<String, Object> hidden = service("=" + label + " shelter", spot[0], spot[1]);
        hidden.put("taxonomy_terms", List.of("shelter", "counselling"));
        hidden.put("organization", Map.of("name", "@" + label + " shelter org", "description", "Keeps people safe"));
        location(hidden).put("location_type", "confidential");
        location(hidden).put("address_1", street);
        location(hidden).put("accessibility", List.of("wheelchair"));
        UUID shelter = create(http, hidden);
        Map<String, Object> open = service(label + " clinic", spot[0], spot[1]);
        Map<String, Object> online = new HashMap<>();
        online.put("location_type", "virtual");
        online.put("time_zone", "America/New_York");
        open.put("locations", List.of(location(open), online));
        open.put("phones", List.of(Map.of("number", "+1 555-0142", "type", "tty", "description", "Deaf line",
                "languages", List.of("en", "es")), Map.of("number", "555-0143", "type", "text")));
        open.put("schedules", List.of(Map.of("weekday", "FR", "opens_at", "22:00", "closes_at", "02:00"),
                Map.of("weekday", "MO", "opens_at", "09:00", "closes_at", "17:00")));
        open.put("languages", List.of("en", "es", "vi"));
        open.put("twenty_four_seven", false);
        open.put("free_of_charge", true);
        open.put("organization", Map.of("name", label + " org", "description", "Helps", "website",
                "https://example.org"));
        return new TwoServices(shelter, create(http, open), street);
    }
}
