package org.chorus.resources.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the directory: the HSDS list, one service, and the whole directory for an export. */
@Component
public class DirectoryQueries {

    /** What the public sees; inactive and defunct services are gone from every public answer. */
    public static final String PUBLIC_STATUSES = "s.status in ('active', 'temporarily closed')";

    private final DatabaseClient db;
    private final ServiceRows rows;

    DirectoryQueries(DatabaseClient db, ServiceRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * The HSDS list, newest change first.
     *
     * @param forStaff staff see every status and full addresses; the public sees neither
     */
    Mono<Page<ServiceView>> list(String search, String taxonomyTerm, Instant modifiedAfter, int page, int perPage,
                                 boolean forStaff) {
        return page(new ServiceFilter(search, taxonomyTerm, null, modifiedAfter), page, perPage, forStaff)
                .map(slice -> Page.of(slice.contents(), slice.totalItems(), page, perPage));
    }

    /**
     * What a public list may ask for; null means "any".
     *
     * @param search         words of the name or description
     * @param taxonomyTerm   one of TaxonomyTerm's codes
     * @param organizationId the organization that provides the services
     * @param modifiedAfter  changed strictly after this instant
     */
    public record ServiceFilter(String search, String taxonomyTerm, UUID organizationId, Instant modifiedAfter) {

        /**
         * Appends this filter's conditions on a service aliased {@code s} to {@code where} (each as
         * {@code " and ..."}), putting their values in {@code binds}: the one filter every list of services uses.
         */
        public void appendTo(StringBuilder where, Map<String, Object> binds) {
            if (search != null && !search.isBlank()) {
                where.append(" and s.search_text @@ plainto_tsquery('simple', :search)");
                binds.put("search", search);
            }
            if (taxonomyTerm != null) {
                where.append(" and s.taxonomy_terms @> array[cast(:term as text)]");
                binds.put("term", taxonomyTerm);
            }
            if (organizationId != null) {
                where.append(" and s.organization_id = :organizationId");
                binds.put("organizationId", organizationId);
            }
            if (modifiedAfter != null) {
                where.append(" and s.modified_at > :modifiedAfter");
                binds.put("modifiedAfter", modifiedAfter);
            }
        }
    }

    /** One page of public services and how many match in all. */
    public record Slice(List<ServiceView> contents, long totalItems) {
    }

    /** A page of what the public may see, newest change first; pages count from 1. */
    public Mono<Slice> publicPage(ServiceFilter filter, int page, int perPage) {
        return page(filter, page, perPage, false);
    }

    /** Every public service the filter matches, newest change first, streamed as the database sends them. */
    public Flux<ServiceView> publicMatching(ServiceFilter filter) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(filter, false, binds);
        return bindAll(db.sql("select " + ServiceRows.COLUMNS + " from " + ServiceRows.FROM + " where " + where
                        + " order by s.modified_at desc, s.id"), binds)
                .map(rows::service).all()
                .map(ServiceView::forPublic);
    }

    /** The public services among these ids, in no particular order; the others are left out. */
    public Flux<ServiceView> publicByIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + ServiceRows.COLUMNS + " from " + ServiceRows.FROM + " where s.id = any(:ids) and "
                        + PUBLIC_STATUSES)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(rows::service).all()
                .map(ServiceView::forPublic);
    }

    /** Empty when there is no such service or the public may not see it. */
    public Mono<ServiceView> publicById(UUID id) {
        return byId(id, false);
    }

    private Mono<Slice> page(ServiceFilter filter, int page, int perPage, boolean forStaff) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(filter, forStaff, binds);
        Mono<Long> total = bindAll(db.sql("select count(*) as n from " + ServiceRows.FROM + " where " + where), binds)
                .map(row -> row.get("n", Long.class)).one();
        binds.put("limit", perPage);
        binds.put("offset", (long) (page - 1) * perPage);
        Mono<List<ServiceView>> contents = bindAll(db.sql("select " + ServiceRows.COLUMNS + " from " + ServiceRows.FROM
                        + " where " + where + " order by s.modified_at desc, s.id limit :limit offset :offset"), binds)
                .map(rows::service).all().collectList()
                .map(services -> forStaff ? services : services.stream().map(ServiceView::forPublic).toList());
        return Mono.zip(total, contents).map(both -> new Slice(both.getT2(), both.getT1()));
    }

    private static String where(ServiceFilter filter, boolean forStaff, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(forStaff ? "true" : PUBLIC_STATUSES);
        filter.appendTo(where, binds);
        return where.toString();
    }

    /**
     * Every service, by id, one row at a time as the database sends them (each row carries its locations, phones and
     * hours), so an export of the whole directory streams instead of filling memory.
     */
    public Flux<ServiceView> export(boolean forStaff) {
        return db.sql("select " + ServiceRows.COLUMNS + " from " + ServiceRows.FROM
                        + (forStaff ? "" : " where " + PUBLIC_STATUSES) + " order by s.id")
                .map(rows::service).all()
                .map(service -> forStaff ? service : service.forPublic());
    }

    /** Empty when there is no such service or the public may not see it. */
    Mono<ServiceView> byId(UUID id, boolean forStaff) {
        return db.sql("select " + ServiceRows.COLUMNS + " from " + ServiceRows.FROM + " where s.id = :id"
                        + (forStaff ? "" : " and " + PUBLIC_STATUSES))
                .bind("id", id)
                .map(rows::service).one()
                .map(service -> forStaff ? service : service.forPublic());
    }

    private static GenericExecuteSpec bindAll(GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
