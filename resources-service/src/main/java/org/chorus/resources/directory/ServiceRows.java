package org.chorus.resources.directory;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.OrganizationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads whole services in one query: the service and organization columns, and its locations, phones and hours
 * aggregated as JSON arrays by correlated subqueries (each an index lookup by service id). A page, a detail or an
 * export is one round trip to the database whatever its size. (Search by place reads ready documents instead: the
 * V3 migration renders the same shape in SQL, and SearchDocumentsIT keeps the two equal.)
 */
@Component
class ServiceRows {

    /** The columns {@link #service(Readable)} reads; callers add their own from, where and order. */
    static final String COLUMNS = """
            s.id, s.name, s.description, s.status, s.closure_reason, s.closed_until, s.free_of_charge,
            s.twenty_four_seven, s.last_verified, s.languages, s.taxonomy_terms, s.modified_at,
            o.id as organization_id, o.name as organization_name, o.description as organization_description,
            o.website as organization_website,
            (select json_agg(json_build_object('id', l.id, 'location_type', l.location_type,
                    'address_1', l.address_1, 'city', l.city, 'state_province', l.state_province,
                    'postal_code', l.postal_code, 'latitude', l.latitude, 'longitude', l.longitude,
                    'time_zone', l.time_zone, 'accessibility', l.accessibility) order by l.position, l.id)::text
                from location l where l.service_id = s.id) as locations_json,
            (select json_agg(json_build_object('number', p.number, 'type', p.type, 'description', p.description,
                    'languages', p.languages) order by p.position)::text
                from phone p where p.service_id = s.id) as phones_json,
            (select json_agg(json_build_object('weekday', (array['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])[h.weekday],
                    'opens_at', to_char(h.opens_at, 'HH24:MI'), 'closes_at', to_char(h.closes_at, 'HH24:MI'))
                    order by h.weekday, h.opens_at)::text
                from schedule h where h.service_id = s.id) as schedules_json""";

    static final String FROM = "service s join organization o on o.id = s.organization_id";

    // readers made once: finding the deserializer for a generic type on every row showed in the search profile
    private final ObjectReader locations;
    private final ObjectReader phones;
    private final ObjectReader schedules;

    ServiceRows(JsonMapper json) {
        this.locations = json.readerFor(new TypeReference<List<LocationView>>() { });
        this.phones = json.readerFor(new TypeReference<List<PhoneView>>() { });
        this.schedules = json.readerFor(new TypeReference<List<ScheduleView>>() { });
    }

    /** A whole service, as staff see it; {@code location} is its first location. */
    ServiceView service(Readable row) {
        List<LocationView> places = this.<LocationView>list(row, "locations_json", locations).stream()
                .map(place -> place.isConfidential() ? new LocationView(place.id(), place.locationType(),
                        place.address1(), place.city(), place.stateProvince(), place.postalCode(), place.latitude(),
                        place.longitude(), place.timeZone(), place.accessibility(), true) : place)
                .toList();
        OffsetDateTime modified = row.get("modified_at", OffsetDateTime.class);
        return new ServiceView(row.get("id", UUID.class), row.get("name", String.class),
                row.get("description", String.class),
                new OrganizationView(row.get("organization_id", UUID.class), row.get("organization_name", String.class),
                        row.get("organization_description", String.class),
                        row.get("organization_website", String.class)),
                row.get("status", String.class), row.get("closure_reason", String.class),
                row.get("closed_until", LocalDate.class),
                Boolean.TRUE.equals(row.get("free_of_charge", Boolean.class)),
                Boolean.TRUE.equals(row.get("twenty_four_seven", Boolean.class)),
                row.get("last_verified", LocalDate.class), strings(row, "languages"),
                strings(row, "taxonomy_terms"), places.isEmpty() ? null : places.get(0), places,
                this.<PhoneView>list(row, "phones_json", phones),
                this.<ScheduleView>list(row, "schedules_json", schedules),
                modified == null ? null : modified.toInstant());
    }

    private <T> List<T> list(Readable row, String column, ObjectReader reader) {
        String text = row.get(column, String.class);
        return text == null ? List.of() : reader.readValue(text);
    }

    static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
