package org.chorus.resources.directory;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.OrganizationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads whole services: one query for the service, organization and location columns of a page, then one each for
 * the phones and hours of every service on it, so a page costs three queries whatever its size.
 */
@Component
class ServiceRows {

    /** The columns {@link #service(Readable)} reads; callers add their own from, where and order. */
    static final String COLUMNS = """
            s.id, s.name, s.description, s.status, s.free_of_charge, s.twenty_four_seven, s.last_verified,
            s.languages, s.taxonomy_terms, s.modified_at,
            o.id as organization_id, o.name as organization_name, o.description as organization_description,
            o.website as organization_website,
            l.location_type, l.address_1, l.city, l.state_province, l.postal_code, l.latitude, l.longitude,
            l.time_zone, l.accessibility""";

    static final String FROM = """
            service s join organization o on o.id = s.organization_id left join location l on l.service_id = s.id""";

    private static final String[] WEEKDAY_CODES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final DatabaseClient db;

    ServiceRows(DatabaseClient db) {
        this.db = db;
    }

    /** A service without phones and hours yet; {@link #complete(List)} adds them. */
    static ServiceView service(Readable row) {
        String locationType = row.get("location_type", String.class);
        LocationView location = locationType == null ? null : new LocationView(locationType,
                row.get("address_1", String.class), row.get("city", String.class),
                row.get("state_province", String.class), row.get("postal_code", String.class),
                row.get("latitude", Double.class), row.get("longitude", Double.class),
                row.get("time_zone", String.class), strings(row, "accessibility"),
                "confidential".equals(locationType) ? Boolean.TRUE : null);
        OffsetDateTime modified = row.get("modified_at", OffsetDateTime.class);
        return new ServiceView(row.get("id", UUID.class), row.get("name", String.class),
                row.get("description", String.class),
                new OrganizationView(row.get("organization_id", UUID.class), row.get("organization_name", String.class),
                        row.get("organization_description", String.class),
                        row.get("organization_website", String.class)),
                row.get("status", String.class), Boolean.TRUE.equals(row.get("free_of_charge", Boolean.class)),
                Boolean.TRUE.equals(row.get("twenty_four_seven", Boolean.class)),
                row.get("last_verified", LocalDate.class), strings(row, "languages"),
                strings(row, "taxonomy_terms"), location, List.of(), List.of(),
                modified == null ? null : modified.toInstant());
    }

    /** The same services, in the same order, with their phones and hours. */
    Mono<List<ServiceView>> complete(List<ServiceView> services) {
        if (services.isEmpty()) {
            return Mono.just(List.of());
        }
        UUID[] ids = services.stream().map(ServiceView::id).toArray(UUID[]::new);
        Mono<Map<UUID, List<PhoneView>>> phones = db.sql("""
                        select service_id, number, type, description, languages from phone
                        where service_id = any(:ids) order by service_id, position""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("service_id", UUID.class), new PhoneView(row.get("number", String.class),
                        row.get("type", String.class), row.get("description", String.class),
                        strings(row, "languages"))))
                .all()
                .collect(LinkedHashMap::new, (byService, entry) ->
                        byService.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        Mono<Map<UUID, List<ScheduleView>>> hours = db.sql("""
                        select service_id, weekday, opens_at, closes_at from schedule
                        where service_id = any(:ids) order by service_id, weekday, opens_at""")
                .bind("ids", ids)
                .map(row -> Map.entry(row.get("service_id", UUID.class), new ScheduleView(
                        WEEKDAY_CODES[row.get("weekday", Short.class) - 1],
                        row.get("opens_at", LocalTime.class).format(HH_MM),
                        row.get("closes_at", LocalTime.class).format(HH_MM))))
                .all()
                .collect(LinkedHashMap::new, (byService, entry) ->
                        byService.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return Mono.zip(phones, hours).map(both -> services.stream()
                .map(s -> new ServiceView(s.id(), s.name(), s.description(), s.organization(), s.status(),
                        s.freeOfCharge(), s.twentyFourSeven(), s.lastVerified(), s.languages(), s.taxonomyTerms(),
                        s.location(), both.getT1().getOrDefault(s.id(), List.of()),
                        both.getT2().getOrDefault(s.id(), List.of()), s.modifiedAt()))
                .toList());
    }

    static List<String> strings(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
