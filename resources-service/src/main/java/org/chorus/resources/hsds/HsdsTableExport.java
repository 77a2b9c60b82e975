package org.chorus.resources.hsds;

import static org.chorus.resources.hsds.HsdsTables.ACCESSIBILITY;
import static org.chorus.resources.hsds.HsdsTables.ADDRESSES;
import static org.chorus.resources.hsds.HsdsTables.ATTRIBUTES;
import static org.chorus.resources.hsds.HsdsTables.LANGUAGES;
import static org.chorus.resources.hsds.HsdsTables.LOCATIONS;
import static org.chorus.resources.hsds.HsdsTables.ORGANIZATIONS;
import static org.chorus.resources.hsds.HsdsTables.PHONES;
import static org.chorus.resources.hsds.HsdsTables.SCHEDULES;
import static org.chorus.resources.hsds.HsdsTables.SERVICES;
import static org.chorus.resources.hsds.HsdsTables.SERVICE_AT_LOCATION;
import static org.chorus.resources.hsds.HsdsTables.TAXONOMIES;
import static org.chorus.resources.hsds.HsdsTables.TAXONOMY_TERMS;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.resources.hsds.Hsds.Accessibility;
import org.chorus.resources.hsds.Hsds.Address;
import org.chorus.resources.hsds.Hsds.Attribute;
import org.chorus.resources.hsds.Hsds.Language;
import org.chorus.resources.hsds.Hsds.Location;
import org.chorus.resources.hsds.Hsds.Organization;
import org.chorus.resources.hsds.Hsds.Phone;
import org.chorus.resources.hsds.Hsds.Schedule;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.hsds.Hsds.ServiceAtLocation;
import org.chorus.resources.hsds.Hsds.Taxonomy;
import org.chorus.resources.hsds.Hsds.TaxonomyTerm;
import org.chorus.resources.interchange.TableFiles;

/**
 * HSDS 3.0 services (as the staff JSON export gives them) written as HSDS's tabular data package: each nested record
 * becomes a row of its table with the same id, every table the package declares is written (those the directory has
 * nothing for with their header alone), and the published datapackage.json goes beside them. Chorus's extensions are
 * rows of attributes.csv naming their term's id, and taxonomies.csv and taxonomy_terms.csv hold those terms, so every
 * reference in the package resolves inside it.
 */
final class HsdsTableExport {

    /** Frictionless reads a time as HH:MM:SS; the directory keeps minutes. */
    private static final Pattern MINUTES = Pattern.compile("\\d{2}:\\d{2}");

    private final TableFiles tables;
    private final Set<UUID> organizations = new HashSet<>();

    private HsdsTableExport(TableFiles tables) {
        this.tables = tables;
    }

    /** Blocking: call it on boundedElastic. */
    static void write(Iterable<Service> services, OutputStream out, Path workDirectory) throws IOException {
        try (TableFiles tables = TableFiles.create(HsdsTables.COLUMNS, workDirectory)) {
            HsdsTableExport export = new HsdsTableExport(tables);
            export.taxonomies();
            for (Service service : services) {
                export.service(service);
            }
            tables.zip(out, Map.of(HsdsTables.DATAPACKAGE, HsdsTables.PACKAGE));
        }
    }

    private void taxonomies() throws IOException {
        for (Taxonomy taxonomy : ChorusTaxonomies.taxonomies()) {
            row(TAXONOMIES, "id", taxonomy.id(), "name", taxonomy.name(), "description", taxonomy.description(),
                    "version", taxonomy.version());
        }
        for (TaxonomyTerm term : ChorusTaxonomies.terms()) {
            row(TAXONOMY_TERMS, "id", term.id(), "code", term.code(), "name", term.name(), "description",
                    term.description(), "taxonomy", term.taxonomy(), "language", term.language(), "taxonomy_id",
                    term.taxonomyId());
        }
    }

    private void service(Service service) throws IOException {
        Organization owner = service.organization();
        if (owner != null && organizations.add(owner.id())) {
            row(ORGANIZATIONS, "id", owner.id(), "name", owner.name(), "description", owner.description(),
                    "website", owner.website());
        }
        row(SERVICES, "id", service.id(), "organization_id", service.organizationId(), "name", service.name(),
                "description", service.description(), "status", service.status(), "assured_date",
                service.assuredDate(), "alert", service.alert(), "last_modified", service.lastModified());
        attributes(service.attributes());
        for (ServiceAtLocation link : orEmpty(service.serviceAtLocations())) {
            row(SERVICE_AT_LOCATION, "id", link.id(), "service_id", link.serviceId(), "location_id",
                    link.locationId(), "description", link.description());
            location(link.location());
        }
        for (Phone phone : orEmpty(service.phones())) {
            row(PHONES, "id", phone.id(), "service_id", phone.serviceId(), "number", phone.number(), "type",
                    phone.type(), "description", phone.description());
            languages(phone.languages());
        }
        for (Schedule hours : orEmpty(service.schedules())) {
            row(SCHEDULES, "id", hours.id(), "service_id", hours.serviceId(), "freq", hours.freq(), "wkst",
                    hours.wkst(), "byday", hours.byday(), "opens_at", seconds(hours.opensAt()), "closes_at",
                    seconds(hours.closesAt()), "description", hours.description());
        }
        languages(service.languages());
    }

    private void location(Location place) throws IOException {
        row(LOCATIONS, "id", place.id(), "location_type", place.locationType(), "name", place.name(),
                "description", place.description(), "latitude", place.latitude(), "longitude", place.longitude());
        for (Address address : orEmpty(place.addresses())) {
            row(ADDRESSES, "id", address.id(), "location_id", address.locationId(), "address_1", address.address1(),
                    "city", address.city(), "state_province", address.stateProvince(), "postal_code",
                    address.postalCode(), "country", address.country(), "address_type", address.addressType());
        }
        for (Accessibility feature : orEmpty(place.accessibility())) {
            row(ACCESSIBILITY, "id", feature.id(), "location_id", feature.locationId(), "description",
                    feature.description());
        }
        attributes(place.attributes());
    }

    private void attributes(List<Attribute> attributes) throws IOException {
        for (Attribute attribute : orEmpty(attributes)) {
            row(ATTRIBUTES, "id", attribute.id(), "link_id", attribute.linkId(), "taxonomy_term_id",
                    attribute.taxonomyTermId(), "link_type", attribute.linkType(), "link_entity",
                    attribute.linkEntity(), "value", attribute.value());
        }
    }

    private void languages(List<Language> languages) throws IOException {
        for (Language language : orEmpty(languages)) {
            row(LANGUAGES, "id", language.id(), "service_id", language.serviceId(), "phone_id", language.phoneId(),
                    "name", language.name(), "code", language.code());
        }
    }

    /** Column name, value, column name, value, ...; a null value leaves its cell empty. */
    private void row(String table, Object... namesAndValues) throws IOException {
        Map<String, Object> cells = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        tables.row(table, cells);
    }

    private static String seconds(String time) {
        return time != null && MINUTES.matcher(time).matches() ? time + ":00" : time;
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
