package org.chorus.resources.directory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.ResourcePublished;
import org.chorus.contracts.ResourceRemoved;
import org.chorus.contracts.ResourceUpdated;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.resources.directory.ServiceDraft.PhoneDraft;
import org.chorus.resources.directory.ServiceDraft.ScheduleDraft;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes the directory. Each change and the event that reports it are written in one transaction, so the rest of
 * Chorus hears of a change exactly when it is durable. Only services the public can see are announced.
 */
@Service
public class Directory {

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final DirectoryQueries queries;
    private final Clock clock;

    Directory(DatabaseClient db, TransactionalOperator transactional, Outbox outbox, DirectoryQueries queries,
              Clock clock) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.queries = queries;
        this.clock = clock;
    }

    Mono<ServiceView> create(ServiceDraft draft) {
        draft.checked();
        UUID id = draft.id() != null ? draft.id() : UUID.randomUUID();
        Mono<Void> store = knownTimeZones(draft).then(insert(id, draft, clock.instant()));
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    /** Replaces what staff can edit; the status and last-verified date change only through their own actions. */
    Mono<ServiceView> update(UUID id, ServiceDraft draft) {
        draft.checked();
        if (draft.id() != null && !draft.id().equals(id)) {
            throw new InvalidInput("id", "must match the service in the path, or be left out");
        }
        Mono<Void> store = knownTimeZones(draft)
                .then(lock(id))
                .flatMap(current -> replace(id, current, draft, clock.instant()));
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    /**
     * Creates or replaces each service of an import, in the caller's transaction. Emits true for a created service.
     * The drafts must be checked, their time zones known and their ids set and distinct.
     */
    public Mono<Boolean> upsert(ServiceDraft draft, Instant now) {
        return db.sql("select 1 as found from service where id = :id").bind("id", draft.id())
                .map(row -> true).one()
                .flatMap(found -> lock(draft.id()).flatMap(current -> replace(draft.id(), current, draft, now))
                        .thenReturn(false))
                .switchIfEmpty(Mono.defer(() -> insert(draft.id(), draft, now).thenReturn(true)));
    }

    /** Zones PostgreSQL does not know, among these. */
    public Mono<Set<String>> unknownTimeZones(Set<String> zones) {
        return db.sql("select name from pg_timezone_names where name = any(:zones)")
                .bind("zones", zones.toArray(String[]::new))
                .map(row -> row.get("name", String.class)).all()
                .collect(Collectors.toSet())
                .map(known -> {
                    Set<String> unknown = new HashSet<>(zones);
                    unknown.removeAll(known);
                    return unknown;
                });
    }

    private Mono<Void> insert(UUID id, ServiceDraft draft, Instant now) {
        return saveOrganization(draft, UUID.randomUUID())
                .flatMap(organizationId -> db.sql("""
                                insert into service (id, organization_id, name, description, free_of_charge,
                                    twenty_four_seven, languages, taxonomy_terms, modified_at)
                                values (:id, :organizationId, :name, :description, :free, :always, :languages, :terms,
                                    :now)
                                on conflict (id) do nothing""")
                        .bind("id", id)
                        .bind("organizationId", organizationId)
                        .bind("name", draft.name().strip())
                        .bind("description", nullable(draft.description()))
                        .bind("free", draft.freeOfChargeOrFalse())
                        .bind("always", draft.twentyFourSevenOrFalse())
                        .bind("languages", draft.languagesOrEmpty().toArray(String[]::new))
                        .bind("terms", draft.taxonomyTerms().toArray(String[]::new))
                        .bind("now", now)
                        .fetch().rowsUpdated())
                .flatMap(inserted -> inserted == 0 ? Mono.error(duplicate(id)) : saveParts(id, draft))
                .then(announce(published(id, now)));
    }

    private Mono<Void> replace(UUID id, Current current, ServiceDraft draft, Instant now) {
        return saveOrganization(draft, current.organizationId())
                .flatMap(organizationId -> db.sql("""
                                update service set organization_id = :organizationId, name = :name,
                                    description = :description, free_of_charge = :free,
                                    twenty_four_seven = :always, languages = :languages,
                                    taxonomy_terms = :terms, modified_at = :now
                                where id = :id""")
                        .bind("id", id)
                        .bind("organizationId", organizationId)
                        .bind("name", draft.name().strip())
                        .bind("description", nullable(draft.description()))
                        .bind("free", draft.freeOfChargeOrFalse())
                        .bind("always", draft.twentyFourSevenOrFalse())
                        .bind("languages", draft.languagesOrEmpty().toArray(String[]::new))
                        .bind("terms", draft.taxonomyTerms().toArray(String[]::new))
                        .bind("now", now)
                        .then())
                .then(db.sql("delete from location where service_id = :id").bind("id", id).then())
                .then(db.sql("delete from phone where service_id = :id").bind("id", id).then())
                .then(db.sql("delete from schedule where service_id = :id").bind("id", id).then())
                .then(saveParts(id, draft))
                .then(announceIfPublic(current.status(), updated(id, now, false)));
    }

    /** Takes the service out of every public answer. Closing a closed service changes nothing and says nothing. */
    Mono<ServiceView> close(UUID id) {
        Instant now = clock.instant();
        Mono<Void> store = lock(id).flatMap(current -> "inactive".equals(current.status()) ? Mono.empty()
                : setStatus(id, "inactive", now)
                        .then(announceIfPublic(current.status(),
                                Mono.just(new ResourceRemoved(UUID.randomUUID(), now, id)))));
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    /**
     * Closed for now (a move, a staff shortage, a flood) but coming back: unlike {@link #close}, the service stays in
     * the public list and detail with the reason and the expected reopening day, so people who know it learn why it
     * does not answer; search by place leaves it out, so nobody in need is sent to a closed door. Announced as an
     * update, since the record stays public. Closing again replaces the reason and the day.
     */
    Mono<ServiceView> closeTemporarily(UUID id, TemporaryClosure closure) {
        Instant now = clock.instant();
        TemporaryClosure checked = closure == null ? new TemporaryClosure(null, null)
                : closure.checked(LocalDate.ofInstant(now, ZoneOffset.UTC));
        Mono<Void> store = lock(id).flatMap(current -> {
            if ("inactive".equals(current.status()) || "defunct".equals(current.status())) {
                return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "A closed service is reopened first; a temporary closure is for a service that is open."));
            }
            return db.sql("""
                            update service set status = 'temporarily closed', closure_reason = :reason,
                                closed_until = :until, modified_at = :now
                            where id = :id""")
                    .bind("id", id)
                    .bind("reason", nullable(checked.reason()))
                    .bind("until", Parameter.fromOrEmpty(checked.until(), LocalDate.class))
                    .bind("now", now)
                    .then()
                    .then(announce(updated(id, now, false)));
        });
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    Mono<ServiceView> reopen(UUID id) {
        Instant now = clock.instant();
        Mono<Void> store = lock(id).flatMap(current -> "active".equals(current.status()) ? Mono.empty()
                : setStatus(id, "active", now).then(announce(
                        // back from a temporary closure the public never stopped seeing it: an update that says it
                        // reopened; back from a closure, published again
                        "temporarily closed".equals(current.status()) ? updated(id, now, true)
                                : published(id, now))));
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    /** Staff checked the record against the provider today (UTC). */
    Mono<ServiceView> markVerified(UUID id) {
        Instant now = clock.instant();
        Mono<Void> store = lock(id).flatMap(current -> db.sql("""
                                update service set last_verified = :today, modified_at = :now where id = :id""")
                        .bind("id", id)
                        .bind("today", LocalDate.ofInstant(now, ZoneOffset.UTC))
                        .bind("now", now)
                        .then()
                        .then(announceIfPublic(current.status(), updated(id, now, false))));
        return store.as(transactional::transactional).then(queries.byId(id, true));
    }

    private Mono<Void> announceIfPublic(String status, Mono<? extends IntegrationEvent> event) {
        return "active".equals(status) || "temporarily closed".equals(status) ? announce(event) : Mono.empty();
    }

    private Mono<Void> announce(Mono<? extends IntegrationEvent> event) {
        return event.flatMap(ready -> outbox.append(Topics.RESOURCES, ready));
    }

    private Mono<ResourcePublished> published(UUID id, Instant now) {
        return announced(id).map(service -> new ResourcePublished(UUID.randomUUID(), now, id, service.name(),
                service.postalCode(), service.taxonomyTerms(), service.status(), service.latitude(),
                service.longitude()));
    }

    private Mono<ResourceUpdated> updated(UUID id, Instant now, boolean reopened) {
        return announced(id).map(service -> new ResourceUpdated(UUID.randomUUID(), now, id, service.name(),
                service.postalCode(), service.taxonomyTerms(), service.status(), reopened, service.latitude(),
                service.longitude()));
    }

    /**
     * What an event says of the service, read after the change in the same transaction: its main place's ZIP and the
     * centre of that ZIP code area (zip_centroid, V4), never an address or a place's own coordinates, so an event
     * tells no more of a shelter than its public answer does.
     */
    private Mono<Announced> announced(UUID id) {
        return db.sql("""
                        select s.status, s.name, s.taxonomy_terms, p.postal_code, z.latitude, z.longitude
                        from service s
                        left join lateral (
                            select l.postal_code from location l
                            where l.service_id = s.id and l.location_type <> 'virtual'
                            order by l.position, l.id limit 1) p on true
                        left join zip_centroid z
                            on z.zip = substring(p.postal_code from '^\\s*(\\d{5})(?:-\\d{4})?\\s*$')
                        where s.id = :id""")
                .bind("id", id)
                .map(row -> new Announced(row.get("status", String.class), row.get("name", String.class),
                        ServiceRows.strings(row, "taxonomy_terms"), row.get("postal_code", String.class),
                        row.get("latitude", Double.class), row.get("longitude", Double.class)))
                .one();
    }

    private record Announced(String status, String name, List<String> taxonomyTerms, String postalCode,
                             Double latitude, Double longitude) {
    }

    /** What the service is now, with its row locked so concurrent staff changes to it apply one after the other. */
    private Mono<Current> lock(UUID id) {
        return db.sql("select s.status, s.organization_id from service s where s.id = :id for update of s")
                .bind("id", id)
                .map(row -> new Current(row.get("status", String.class), row.get("organization_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no service with this id.")));
    }

    private record Current(String status, UUID organizationId) {
    }

    /** Any other status than a temporary closure forgets the closure's reason and end. */
    private Mono<Void> setStatus(UUID id, String status, Instant now) {
        return db.sql("""
                        update service set status = :status, closure_reason = null, closed_until = null,
                            modified_at = :now
                        where id = :id""")
                .bind("id", id).bind("status", status).bind("now", now).then();
    }

    /** Staff may name an existing organization by id; without one, the service keeps (or gets) its own. */
    private Mono<UUID> saveOrganization(ServiceDraft draft, UUID otherwise) {
        UUID id = draft.organization().id() != null ? draft.organization().id() : otherwise;
        return db.sql("""
                        insert into organization (id, name, description, website)
                        values (:id, :name, :description, :website)
                        on conflict (id) do update
                        set name = excluded.name, description = excluded.description, website = excluded.website""")
                .bind("id", id)
                .bind("name", draft.organization().name().strip())
                .bind("description", nullable(draft.organization().description()))
                .bind("website", nullable(draft.organization().website()))
                .then()
                .thenReturn(id);
    }

    private Mono<Void> saveParts(UUID id, ServiceDraft draft) {
        List<LocationDraft> places = draft.places();
        Flux<Void> locations = Flux.range(0, places.size()).concatMap(i -> saveLocation(id, i, places.get(i),
                draft.placeField(i) + ".id"));
        List<PhoneDraft> phones = draft.phonesOrEmpty();
        Flux<Void> phoneRows = Flux.range(0, phones.size()).concatMap(i -> db.sql("""
                        insert into phone (id, service_id, position, number, type, description, languages)
                        values (:id, :serviceId, :position, :number, :type, :description, :languages)""")
                .bind("id", UUID.randomUUID())
                .bind("serviceId", id)
                .bind("position", i)
                .bind("number", phones.get(i).number().strip())
                .bind("type", phones.get(i).type())
                .bind("description", nullable(phones.get(i).description()))
                .bind("languages", (phones.get(i).languages() == null ? List.<String>of() : phones.get(i).languages())
                        .toArray(String[]::new))
                .then());
        Flux<Void> hours = Flux.fromIterable(draft.schedulesOrEmpty()).concatMap((ScheduleDraft period) -> db.sql("""
                        insert into schedule (id, service_id, weekday, opens_at, closes_at)
                        values (:id, :serviceId, :weekday, :opens, :closes)""")
                .bind("id", UUID.randomUUID())
                .bind("serviceId", id)
                .bind("weekday", (short) period.isoWeekday())
                .bind("opens", period.opens())
                .bind("closes", period.closes())
                .then());
        return locations.thenMany(phoneRows).thenMany(hours).then();
    }

    /** A location id staff chose must not be another service's: its row would be taken from that service. */
    private Mono<Void> saveLocation(UUID serviceId, int position, LocationDraft place, String field) {
        return db.sql("""
                        insert into location (id, service_id, position, location_type, address_1, city,
                            state_province, postal_code, latitude, longitude, time_zone, accessibility)
                        values (:id, :serviceId, :position, :type, :address, :city, :state, :zip, :latitude,
                            :longitude, :timeZone, :accessibility)
                        on conflict (id) do nothing""")
                .bind("id", place.id() != null ? place.id() : UUID.randomUUID())
                .bind("serviceId", serviceId)
                .bind("position", position)
                .bind("type", place.locationType())
                .bind("address", nullable(place.address1()))
                .bind("city", nullable(place.city()))
                .bind("state", nullable(place.stateProvince()))
                .bind("zip", Parameter.fromOrEmpty(place.postalCode(), String.class))
                .bind("latitude", Parameter.fromOrEmpty(place.latitude(), Double.class))
                .bind("longitude", Parameter.fromOrEmpty(place.longitude(), Double.class))
                .bind("timeZone", place.timeZone())
                .bind("accessibility", (place.accessibility() == null ? List.<String>of() : place.accessibility())
                        .toArray(String[]::new))
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0
                        ? Mono.error(new InvalidInput(field, "is the id of another service's location"))
                        : Mono.empty());
    }

    /** PostgreSQL must know the zone too, or open-now searches would fail for everyone. */
    private Mono<Void> knownTimeZones(ServiceDraft draft) {
        List<LocationDraft> places = draft.places();
        return unknownTimeZones(places.stream().map(LocationDraft::timeZone).collect(Collectors.toSet()))
                .flatMap(unknown -> {
                    for (int i = 0; i < places.size(); i++) {
                        if (unknown.contains(places.get(i).timeZone())) {
                            return Mono.error(new InvalidInput(draft.placeField(i) + ".time_zone",
                                    "is not a known IANA time zone such as America/Chicago"));
                        }
                    }
                    return Mono.empty();
                });
    }

    private static ErrorResponseException duplicate(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "A service with this id already exists; update it instead.");
        problem.setTitle("Duplicate identifier");
        problem.setProperty("errors", List.of(Map.of("field", "id", "message", "is already used by another service")));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value == null || value.isBlank() ? null : value.strip(), String.class);
    }
}
