package org.chorus.resources.hsds;

import static org.chorus.resources.directory.DirectoryQueries.PUBLIC_STATUSES;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.directory.DirectoryQueries.ServiceFilter;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.hsds.Hsds.ModifiedService;
import org.chorus.resources.hsds.Hsds.Organization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the HSDS paths read beyond whole services: the organizations the public may see (those with a public service)
 * and the places of public services, found by postcode or by distance from a postcode's centre. Distance is always
 * measured to a place's public point (V5 migration): a confidential place stands at its ZIP's centre, so its true
 * coordinates decide no proximity answer, no order and no count.
 */
@Component
class HsdsQueries {

    /** Great-circle distance in metres from :lat/:lon to the location's public point (as search measures it). */
    private static final String DISTANCE_M = """
            6371008.8 * 2 * asin(least(1, sqrt(
                power(sin(radians(l.public_latitude - :lat) / 2), 2)
                + cos(radians(:lat)) * cos(radians(l.public_latitude))
                    * power(sin(radians(l.public_longitude - :lon) / 2), 2))))""";

    private final DatabaseClient db;

    HsdsQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A place of a public service. */
    record Place(UUID locationId, UUID serviceId) {
    }

    /**
     * Which places of public services to list.
     *
     * @param services   which services the places belong to, as every list of services filters them
     * @param postcode   with no origin, places whose postal code is this; with an origin, only where the origin
     *                   came from (the postcode's centre)
     * @param origin     the centre to measure from, or null
     * @param proximityM at most this many metres from the origin
     */
    record PlaceFilter(ServiceFilter services, String postcode, Coordinates origin, Integer proximityM) {
    }

    Mono<Long> countPlaces(PlaceFilter filter) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = placeWhere(filter, binds);
        return bindAll(db.sql("select count(*) as n from location l join service s on s.id = l.service_id where "
                + where), binds).map(row -> row.get("n", Long.class)).one();
    }

    /** Nearest first when measured (ties by id), else newest change first; {@code limit} null for all of them. */
    Flux<Place> places(PlaceFilter filter, Integer limit, long offset) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = placeWhere(filter, binds);
        String order = filter.origin() != null ? DISTANCE_M + ", l.id" : "s.modified_at desc, s.id, l.position, l.id";
        StringBuilder sql = new StringBuilder("select l.id, l.service_id from location l join service s"
                + " on s.id = l.service_id where ").append(where).append(" order by ").append(order);
        if (limit != null) {
            sql.append(" limit :limit offset :offset");
            binds.put("limit", limit);
            binds.put("offset", offset);
        }
        return bindAll(db.sql(sql.toString()), binds)
                .map(row -> new Place(row.get("id", UUID.class), row.get("service_id", UUID.class))).all();
    }

    /** Every public service the filter matches, newest change first: only its id and when it changed. */
    Flux<ModifiedService> modified(ServiceFilter filter) {
        Map<String, Object> binds = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(PUBLIC_STATUSES);
        filter.appendTo(where, binds);
        return bindAll(db.sql("select s.id, s.modified_at from service s where " + where
                        + " order by s.modified_at desc, s.id"), binds)
                .map(row -> new ModifiedService(row.get("id", UUID.class),
                        row.get("modified_at", OffsetDateTime.class).toInstant())).all();
    }

    /** The service a place belongs to, if that service is public. */
    Mono<UUID> serviceOfPlace(UUID locationId) {
        return db.sql("select l.service_id from location l join service s on s.id = l.service_id"
                        + " where l.id = :id and " + PUBLIC_STATUSES)
                .bind("id", locationId)
                .map(row -> row.get("service_id", UUID.class)).one();
    }

    private static String placeWhere(PlaceFilter filter, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(PUBLIC_STATUSES);
        filter.services().appendTo(where, binds);
        if (filter.origin() != null) {
            where.append(" and l.public_latitude is not null and ").append(DISTANCE_M).append(" <= :proximity");
            binds.put("lat", filter.origin().latitude());
            binds.put("lon", filter.origin().longitude());
            binds.put("proximity", filter.proximityM().doubleValue());
        } else if (filter.postcode() != null) {
            where.append(" and l.postal_code = :postcode");
            binds.put("postcode", filter.postcode());
        }
        return where.toString();
    }

    Mono<Long> countOrganizations(String search) {
        Map<String, Object> binds = new LinkedHashMap<>();
        return bindAll(db.sql("select count(*) as n from organization o where " + organizationWhere(search, binds)),
                binds).map(row -> row.get("n", Long.class)).one();
    }

    /** Organizations with at least one public service, by name; {@code limit} null for all of them. */
    Flux<Organization> organizations(String search, Integer limit, long offset) {
        Map<String, Object> binds = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select o.id, o.name, o.description, o.website from organization o"
                + " where ").append(organizationWhere(search, binds)).append(" order by o.name, o.id");
        if (limit != null) {
            sql.append(" limit :limit offset :offset");
            binds.put("limit", limit);
            binds.put("offset", offset);
        }
        return bindAll(db.sql(sql.toString()), binds).map(row -> new Organization(row.get("id", UUID.class),
                row.get("name", String.class), description(row.get("description", String.class)),
                row.get("website", String.class), null)).all();
    }

    Mono<Organization> organization(UUID id) {
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("id", id);
        return bindAll(db.sql("select o.id, o.name, o.description, o.website from organization o where o.id = :id and "
                + organizationWhere(null, binds)), binds).map(row -> new Organization(row.get("id", UUID.class),
                row.get("name", String.class), description(row.get("description", String.class)),
                row.get("website", String.class), null)).one();
    }

    private static String organizationWhere(String search, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder("exists (select 1 from service s where s.organization_id = o.id and "
                + PUBLIC_STATUSES + ")");
        if (search != null) {
            where.append(" and to_tsvector('simple', o.name || ' ' || coalesce(o.description, ''))"
                    + " @@ plainto_tsquery('simple', :search)");
            binds.put("search", search);
        }
        return where.toString();
    }

    private static String description(String description) {
        return description == null ? "" : description;
    }

    private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
