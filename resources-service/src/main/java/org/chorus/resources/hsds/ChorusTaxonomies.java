package org.chorus.resources.hsds;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.chorus.resources.hsds.Hsds.Taxonomy;
import org.chorus.resources.hsds.Hsds.TaxonomyTerm;

/**
 * The two taxonomies this API's attributes use, with ids that never change: the directory's service types (the
 * codes {@code taxonomy_term} takes elsewhere) and Chorus's extensions to HSDS, the facts HSDS has no field for.
 */
final class ChorusTaxonomies {

    static final Taxonomy SERVICE_TYPES = new Taxonomy(Hsds.id("taxonomy", "service-types"),
            "Chorus service types", "The kinds of help the Chorus directory lists for survivors of sexual violence.",
            "1");
    static final Taxonomy EXTENSIONS = new Taxonomy(Hsds.id("taxonomy", "extensions"),
            "Chorus directory extensions", "What the Chorus directory says about a service or a location beyond the"
            + " HSDS fields; each attribute's value holds the fact.", "1");

    /** Chorus's additions, each an attribute whose value is the fact. */
    enum Extension {
        TWENTY_FOUR_SEVEN("twenty_four_seven", "Open 24/7", "true when the service answers at every hour of every"
                + " day."),
        OPEN_NOW("open_now", "Open now", "true when the service is open at the moment of the answer, in its main"
                + " location's time zone."),
        LAST_VERIFIED("last_verified", "Last verified", "The day staff last confirmed the record (YYYY-MM-DD)."),
        TEMPORARILY_CLOSED("temporarily_closed", "Temporarily closed", "true when the service is closed for a while"
                + " and stays listed; it is not offered by search by place."),
        CLOSURE_REASON("closure_reason", "Closure reason", "Why a temporarily closed service is closed."),
        CLOSED_UNTIL("closed_until", "Closed until", "The day a temporarily closed service expects to reopen"
                + " (YYYY-MM-DD)."),
        FREE_OF_CHARGE("free_of_charge", "Free of charge", "true when the service costs nothing."),
        CALL_FOR_LOCATION("call_for_location", "Call for location", "true for a confidential location (a shelter):"
                + " its address is given only over the phone and never published."),
        TIME_ZONE("time_zone", "Time zone", "The IANA time zone the location's hours are in.");

        final String code;
        final TaxonomyTerm term;

        Extension(String code, String name, String description) {
            this.code = code;
            this.term = new TaxonomyTerm(Hsds.id("taxonomy_term", "extension", code), code, name, description,
                    EXTENSIONS.name(), EXTENSIONS.id(), "en");
        }
    }

    private ChorusTaxonomies() {
    }

    static List<Taxonomy> taxonomies() {
        return List.of(SERVICE_TYPES, EXTENSIONS);
    }

    /** A service type as an HSDS term: named in English, with the Spanish name in its description. */
    static TaxonomyTerm serviceType(org.chorus.resources.taxonomy.TaxonomyTerm type) {
        return new TaxonomyTerm(Hsds.id("taxonomy_term", "service-type", type.code()), type.code(),
                type.label().en(), type.label().en() + " (es: " + type.label().es() + ")", SERVICE_TYPES.name(),
                SERVICE_TYPES.id(), "en");
    }

    static Optional<TaxonomyTerm> serviceType(String code) {
        return Arrays.stream(org.chorus.resources.taxonomy.TaxonomyTerm.values())
                .filter(type -> type.code().equals(code)).findFirst().map(ChorusTaxonomies::serviceType);
    }

    /** Every term, service types first. */
    static List<TaxonomyTerm> terms() {
        return Stream.concat(
                Arrays.stream(org.chorus.resources.taxonomy.TaxonomyTerm.values()).map(ChorusTaxonomies::serviceType),
                Arrays.stream(Extension.values()).map(extension -> extension.term)).toList();
    }

    static Optional<TaxonomyTerm> term(UUID id) {
        return terms().stream().filter(term -> term.id().equals(id)).findFirst();
    }
}
