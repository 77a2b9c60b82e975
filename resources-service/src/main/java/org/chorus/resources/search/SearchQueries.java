package org.chorus.resources.search;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chorus.resources.search.PlaceQuery.Resolved;
import org.chorus.resources.search.SearchAnswer.Match;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Search by place: the statement that finds the nearest services and reads their ready public documents. */
@Component
class SearchQueries {

    /** Kilometres per degree of latitude (and of longitude at the equator), on a sphere of mean Earth radius. */
    private static final double KM_PER_DEGREE = 111.195;

    /**
     * Great-circle distance (haversine) from :lat/:lon to the location's public point, in km, without PostGIS or
     * earthdistance. least(1, ...) keeps rounding from pushing asin outside its domain for points a hair apart.
     */
    private static final String DISTANCE_KM = """
            6371.0088 * 2 * asin(least(1, sqrt(
                power(sin(radians(l.public_latitude - :lat) / 2), 2)
                + cos(radians(:lat)) * cos(radians(l.public_latitude))
                    * power(sin(radians(l.public_longitude - :lon) / 2), 2))))""";

    /**
     * Open at :now in the location's own time zone. Hours whose closes_at is at or before opens_at run past midnight,
     * so yesterday's late hours count too ((isodow + 5) % 7 + 1 is yesterday's ISO weekday).
     */
    private static final String OPEN_NOW = """
            (l.twenty_four_seven or exists (
                select 1 from schedule h,
                    lateral (select cast(:now as timestamptz) at time zone l.time_zone as t) local_now
                where h.service_id = l.service_id and (
                    (h.weekday = extract(isodow from local_now.t)
                        and h.opens_at <= local_now.t::time
                        and (h.closes_at > local_now.t::time or h.closes_at <= h.opens_at))
                    or (h.weekday = (extract(isodow from local_now.t)::int + 5) % 7 + 1
                        and h.closes_at <= h.opens_at
                        and local_now.t::time < h.closes_at))))""";

    private final DatabaseClient db;
    private final Clock clock;

    SearchQueries(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Nearest first, each service once, at its nearest location. The plan (EXPLAIN in the README): the bounding box
     * of the radius is a two-dimensional GiST search on location_near_active, a partial index holding only active
     * services' locations; the filters are tested on the location rows the box returns, because the service's
     * filter columns are copied onto them (V2 migration); the exact haversine distance is computed for those rows
     * only; then one row per service (its nearest location), the limit, and only then the ready public JSON of the
     * few rows left (search_document, kept by triggers), sent as it is. The box ignores the antimeridian, which
     * no US ZIP area crosses near a service. Virtual services have no place, so they are listed by name instead.
     * <p>
     * Every step that measures reads the location's public point (V5 migration), never its coordinates: a
     * confidential location stands at its ZIP's centre, so its true place changes no distance, order or radius
     * answer, and no number of searches can find it. Ties are broken by ids, never by where a place truly is.
     */
    Mono<SearchAnswer> search(Resolved query) {
        SearchSql search = searchSql(query);
        return bindAll(db.sql(search.sql()), search.binds())
                .map(row -> new Match(rounded(row.get("distance_km", Double.class)),
                        row.get("document", String.class)))
                .all().collectList()
                .map(SearchAnswer::of);
    }

    /** The statement a search runs, with its bind values; the benchmark prints its plan. */
    record SearchSql(String sql, Map<String, Object> binds) {
    }

    SearchSql searchSql(Resolved query) {
        StringBuilder where = new StringBuilder("l.service_status = 'active'");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.virtual()) {
            where.append(" and l.location_type = 'virtual'");
        } else {
            double latitudeSpan = query.radiusKm() / KM_PER_DEGREE;
            double longitudeSpan = Math.min(180, query.radiusKm()
                    / (KM_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(query.origin().latitude())))));
            where.append(" and point(l.public_longitude, l.public_latitude)"
                    + " <@ box(point(:minLon, :minLat), point(:maxLon, :maxLat))");
            binds.put("minLat", query.origin().latitude() - latitudeSpan);
            binds.put("maxLat", query.origin().latitude() + latitudeSpan);
            binds.put("minLon", query.origin().longitude() - longitudeSpan);
            binds.put("maxLon", query.origin().longitude() + longitudeSpan);
        }
        if (query.taxonomyTerm() != null) {
            where.append(" and l.service_taxonomy_terms @> array[cast(:term as text)]");
            binds.put("term", query.taxonomyTerm());
        }
        if (query.language() != null) {
            where.append(" and l.service_languages @> array[cast(:language as text)]");
            binds.put("language", query.language());
        }
        if (query.accessibility() != null) {
            where.append(" and l.accessibility @> array[cast(:accessibility as text)]");
            binds.put("accessibility", query.accessibility());
        }
        if (query.twentyFourSeven()) {
            where.append(" and l.twenty_four_seven");
        }
        if (query.free()) {
            where.append(" and l.free_of_charge");
        }
        if (query.openNow()) {
            where.append(" and ").append(OPEN_NOW);
            binds.put("now", clock.instant());
        }
        String best;
        String order;
        if (query.virtual()) {
            best = "select distinct on (l.service_id) l.service_id, l.id as location_id, null::float8 as distance_km"
                    + " from location l where " + where + " order by l.service_id, l.position, l.id";
            order = "s.name, s.id";
        } else {
            best = "select * from (select distinct on (service_id) service_id, location_id, distance_km from ("
                    + "select l.service_id, l.id as location_id, " + DISTANCE_KM + " as distance_km"
                    + " from location l where " + where + ") in_box where distance_km <= :radius"
                    + " order by service_id, distance_km, location_id) nearest"
                    + " order by distance_km, service_id limit :limit";
            order = "best.distance_km, best.service_id";
            binds.put("lat", query.origin().latitude());
            binds.put("lon", query.origin().longitude());
            binds.put("radius", query.radiusKm());
        }
        // the few rows left take their ready answers (search_document, V3 migration) by primary key
        String sql = "select best.distance_km, d.document from (" + best + ") best"
                + " join search_document d on d.location_id = best.location_id"
                + (query.virtual() ? " join service s on s.id = best.service_id" : "")
                + " order by " + order + " limit :limit";
        binds.put("limit", query.size());
        return new SearchSql(sql, binds);
    }

    private static Double rounded(Double km) {
        return km == null ? null : Math.round(km * 10) / 10.0;
    }

    static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
