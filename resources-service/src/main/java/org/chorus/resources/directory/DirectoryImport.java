package org.chorus.resources.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * Imports an HSDS JSON file (the staff export's shape: an array of services). All or nothing: every row is checked
 * first, and one bad row rejects the file with a report naming each row's faults; otherwise every row is created or
 * replaced, matched by id, in one transaction.
 */
@Service
class DirectoryImport {

    static final int MAX_ROWS = 1_000;

    private final Directory directory;
    private final TransactionalOperator transactional;
    private final Clock clock;

    DirectoryImport(Directory directory, TransactionalOperator transactional, Clock clock) {
        this.directory = directory;
        this.transactional = transactional;
        this.clock = clock;
    }

    /** @param row counted from 1; the fields in errors are paths inside that row */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RowOutcome(int row, UUID id, String outcome, List<Map<String, String>> errors) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportReport(int created, int updated, List<RowOutcome> rows) {
    }

    Mono<ImportReport> importServices(List<ServiceDraft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            throw new InvalidInput("services", "the file holds no services");
        }
        if (drafts.size() > MAX_ROWS) {
            throw new InvalidInput("services", "a file may hold at most " + MAX_ROWS + " services");
        }
        Map<Integer, List<Map<String, String>>> faults = new HashMap<>();
        Map<UUID, Integer> rowOfId = new HashMap<>();
        Set<String> zones = new LinkedHashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            int row = i + 1;
            ServiceDraft draft = drafts.get(i);
            try {
                if (draft == null) {
                    throw new InvalidInput("", "is not a service");
                }
                if (draft.id() == null) {
                    throw new InvalidInput("id", "is required, so importing the file again updates instead of adding");
                }
                Integer earlier = rowOfId.putIfAbsent(draft.id(), row);
                if (earlier != null) {
                    throw new InvalidInput("id", "is also the id of row " + earlier);
                }
                draft.checked();
                zones.add(draft.location().timeZone());
            } catch (InvalidInput e) {
                fault(faults, row, e.field(), e.getMessage());
            }
        }
        return directory.unknownTimeZones(zones).flatMap(unknown -> {
            for (int i = 0; i < drafts.size(); i++) {
                ServiceDraft draft = drafts.get(i);
                if (!faults.containsKey(i + 1) && unknown.contains(draft.location().timeZone())) {
                    fault(faults, i + 1, "location.time_zone", "is not a known IANA time zone");
                }
            }
            if (!faults.isEmpty()) {
                return Mono.error(rejected(drafts, faults));
            }
            Instant now = clock.instant();
            return Flux.range(0, drafts.size())
                    .concatMap(i -> directory.upsert(drafts.get(i), now).map(created -> new RowOutcome(i + 1,
                            drafts.get(i).id(), created ? "created" : "updated", List.of())))
                    .collectList()
                    .as(transactional::transactional)
                    .map(rows -> new ImportReport(
                            (int) rows.stream().filter(row -> row.outcome().equals("created")).count(),
                            (int) rows.stream().filter(row -> row.outcome().equals("updated")).count(), rows));
        });
    }

    private static void fault(Map<Integer, List<Map<String, String>>> faults, int row, String field, String message) {
        faults.computeIfAbsent(row, r -> new ArrayList<>()).add(Map.of("field", field, "message", message));
    }

    private static ErrorResponseException rejected(List<ServiceDraft> drafts,
                                                   Map<Integer, List<Map<String, String>>> faults) {
        List<RowOutcome> rows = new ArrayList<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (int row = 1; row <= drafts.size(); row++) {
            ServiceDraft draft = drafts.get(row - 1);
            List<Map<String, String>> rowFaults = faults.getOrDefault(row, List.of());
            rows.add(new RowOutcome(row, draft == null ? null : draft.id(), rowFaults.isEmpty() ? "not imported"
                    : "rejected", rowFaults));
            for (Map<String, String> fault : rowFaults) {
                errors.add(Map.of("field", "[" + (row - 1) + "]" + (fault.get("field").isEmpty() ? ""
                        : "." + fault.get("field")), "message", fault.get("message")));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                faults.size() + " of " + drafts.size() + " rows are not valid; nothing was imported.");
        problem.setTitle("Import rejected");
        problem.setProperty("errors", errors);
        problem.setProperty("rows", rows);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
