package org.chorus.resources.interchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.chorus.resources.directory.Directory;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Imports services, from HSDS JSON (the staff export's shape: an array of services) or from the HSDS tabular form
 * ({@link DirectoryCsv}). All or nothing: every row is checked first, and one bad row rejects the file with a report
 * naming each row's faults; otherwise every service is created or replaced, matched by id, in one transaction.
 */
@Service
public class DirectoryImport {

    public static final int MAX_ROWS = 1_000;

    private final Directory directory;
    private final TransactionalOperator transactional;
    private final Clock clock;

    DirectoryImport(Directory directory, TransactionalOperator transactional, Clock clock) {
        this.directory = directory;
        this.transactional = transactional;
        this.clock = clock;
    }

    /**
     * @param file the CSV file of the row, absent for JSON
     * @param row  counted from 1: the n-th service of a JSON file, or the record number in a CSV file whose header is
     *             row 1; the fields in errors are paths inside that row, or for a fault another file of a tabular
     *             import holds, that file's row and column ({@code phones.csv[7].number})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RowOutcome(String file, int row, UUID id, String outcome, List<Map<String, String>> errors) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImportReport(int created, int updated, List<RowOutcome> rows) {
    }

    /** Where a service came from, for the report. */
    public record Source(String file, int row) {

        String label() {
            return file == null ? "[" + (row - 1) + "]" : file + "[" + row + "]";
        }
    }

    /** Something wrong with one row of one file. */
    public record Fault(Source source, String field, String message) {
    }

    /**
     * Where a fault in a draft's field is reported: the draft's own row and the field as its file names it, or, for
     * a tabular file, the row and column of the file that holds the field (a phone's number is in phones.csv).
     */
    @FunctionalInterface
    public interface FaultPlaces {

        /** @param draft the draft's index in the import; {@code field} its path in the draft */
        Fault fault(int draft, String field, String message);
    }

    /** A JSON file: the n-th service is row n. */
    Mono<ImportReport> importServices(List<ServiceDraft> drafts) {
        List<Source> sources = drafts == null ? List.of()
                : IntStream.rangeClosed(1, drafts.size()).mapToObj(row -> new Source(null, row)).toList();
        return importServices(drafts, sources);
    }

    /** @param sources one per draft: the row it was read from */
    Mono<ImportReport> importServices(List<ServiceDraft> drafts, List<Source> sources) {
        return importServices(drafts, sources, UnaryOperator.identity());
    }

    /**
     * @param fieldNames how a field of a draft is named in the file it was read from (a draft's
     *                   {@code locations[0].postal_code} is an HSDS service's
     *                   {@code service_at_locations[0].location.addresses[0].postal_code})
     */
    public Mono<ImportReport> importServices(List<ServiceDraft> drafts, List<Source> sources,
                                             UnaryOperator<String> fieldNames) {
        return importServices(drafts, sources,
                (draft, field, message) -> new Fault(sources.get(draft), fieldNames.apply(field), message));
    }

    /** @param places where each fault of a draft is reported */
    public Mono<ImportReport> importServices(List<ServiceDraft> drafts, List<Source> sources, FaultPlaces places) {
        if (drafts == null || drafts.isEmpty()) {
            throw new InvalidInput("services", "the file holds no services");
        }
        if (drafts.size() > MAX_ROWS) {
            throw new InvalidInput("services", "a file may hold at most " + MAX_ROWS + " services");
        }
        Map<Integer, List<Fault>> faults = new HashMap<>();
        Set<String> zones = checkRows(drafts, sources, faults, places);
        return directory.unknownTimeZones(zones).flatMap(unknown -> {
            checkTimeZones(drafts, unknown, faults, places);
            return faults.isEmpty() ? store(drafts, sources)
                    : Mono.error(rejected(drafts, sources, faults, List.of()));
        });
    }

    /** Checks every row on its own and against the earlier ones; returns the time zones the rows name. */
    private static Set<String> checkRows(List<ServiceDraft> drafts, List<Source> sources,
                                         Map<Integer, List<Fault>> faults, FaultPlaces places) {
        Map<UUID, Integer> rowOfId = new HashMap<>();
        Map<UUID, Integer> rowOfLocation = new HashMap<>();
        Set<String> zones = new LinkedHashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            try {
                checkRow(i, drafts.get(i), sources, rowOfId, rowOfLocation, zones);
            } catch (InvalidInput e) {
                fault(faults, i, places.fault(i, e.field(), e.getMessage()));
            }
        }
        return zones;
    }

    private static void checkRow(int i, ServiceDraft draft, List<Source> sources, Map<UUID, Integer> rowOfId,
                                 Map<UUID, Integer> rowOfLocation, Set<String> zones) {
        if (draft == null) {
            throw new InvalidInput("", "is not a service");
        }
        if (draft.id() == null) {
            throw new InvalidInput("id", "is required, so importing the file again updates instead of adding");
        }
        Integer earlier = rowOfId.putIfAbsent(draft.id(), i);
        if (earlier != null) {
            throw new InvalidInput("id", "is also the id of row " + sources.get(earlier).row());
        }
        draft.checked();
        for (LocationDraft place : draft.places()) {
            zones.add(place.timeZone());
            Integer owner = place.id() == null ? null : rowOfLocation.putIfAbsent(place.id(), i);
            if (owner != null && owner != i) {
                throw new InvalidInput("locations.id",
                        "is also the id of a location in row " + sources.get(owner).row());
            }
        }
    }

    /** Rows already at fault are not looked at again: their places may not even be there. */
    private static void checkTimeZones(List<ServiceDraft> drafts, Set<String> unknown,
                                       Map<Integer, List<Fault>> faults, FaultPlaces places) {
        for (int i = 0; i < drafts.size(); i++) {
            ServiceDraft draft = drafts.get(i);
            List<LocationDraft> locations = faults.containsKey(i) ? List.of() : draft.places();
            for (int at = 0; at < locations.size(); at++) {
                if (unknown.contains(locations.get(at).timeZone())) {
                    fault(faults, i, places.fault(i, draft.placeField(at) + ".time_zone",
                            "is not a known IANA time zone"));
                }
            }
        }
    }

    private Mono<ImportReport> store(List<ServiceDraft> drafts, List<Source> sources) {
        Instant now = clock.instant();
        return Flux.range(0, drafts.size())
                .concatMap(i -> directory.upsert(drafts.get(i), now).map(created -> new RowOutcome(
                        sources.get(i).file(), sources.get(i).row(), drafts.get(i).id(),
                        created ? "created" : "updated", List.of())))
                .collectList()
                .as(transactional::transactional)
                .map(rows -> new ImportReport(
                        (int) rows.stream().filter(row -> row.outcome().equals("created")).count(),
                        (int) rows.stream().filter(row -> row.outcome().equals("updated")).count(), rows));
    }

    /** A file rejected before any service could be put together (CSV rows that do not parse or do not match). */
    public static ErrorResponseException rejected(List<Fault> faults) {
        return rejected(List.of(), List.of(), Map.of(), faults);
    }

    private static void fault(Map<Integer, List<Fault>> faults, int index, Fault fault) {
        faults.computeIfAbsent(index, r -> new ArrayList<>()).add(fault);
    }

    /**
     * A service's row lists its faults by field; a fault found in another file's row (a tabular import's phones.csv)
     * is named there with that file and row.
     */
    private static ErrorResponseException rejected(List<ServiceDraft> drafts, List<Source> sources,
                                                   Map<Integer, List<Fault>> faults, List<Fault> rowFaults) {
        List<RowOutcome> rows = new ArrayList<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ServiceDraft draft = drafts.get(i);
            Source source = sources.get(i);
            List<Map<String, String>> mine = new ArrayList<>();
            for (Fault fault : faults.getOrDefault(i, List.of())) {
                String field = fault.source().equals(source) ? fault.field()
                        : fault.source().label() + (fault.field().isEmpty() ? "" : "." + fault.field());
                mine.add(Map.of("field", field, "message", fault.message()));
                errors.add(error(fault.source(), fault.field(), fault.message()));
            }
            rows.add(new RowOutcome(source.file(), source.row(), draft == null ? null : draft.id(),
                    mine.isEmpty() ? "not imported" : "rejected", mine));
        }
        Map<Source, List<Map<String, String>>> byRow = new LinkedHashMap<>();
        for (Fault fault : rowFaults) {
            byRow.computeIfAbsent(fault.source(), s -> new ArrayList<>())
                    .add(Map.of("field", fault.field(), "message", fault.message()));
            errors.add(error(fault.source(), fault.field(), fault.message()));
        }
        byRow.forEach((source, mine) -> rows.add(new RowOutcome(source.file(), source.row(), null, "rejected", mine)));
        int bad = faults.size() + byRow.size();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, drafts.isEmpty()
                ? bad + " rows are not valid; nothing was imported."
                : bad + " of " + drafts.size() + " rows are not valid; nothing was imported.");
        problem.setTitle("Import rejected");
        problem.setProperty("errors", errors);
        problem.setProperty("rows", rows);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static Map<String, String> error(Source source, String field, String message) {
        return Map.of("field", source.label() + (field.isEmpty() ? "" : "." + field), "message", message);
    }
}
