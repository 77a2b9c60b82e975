package org.chorus.resources.directory;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.chorus.resources.taxonomy.TaxonomyTerm;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The public, anonymous directory in the HSDS 3 API style: the list and one service. Confidential addresses never
 * appear here.
 */
@RestController
class DirectoryController {

    /*
     * The list's query parameters, for the public and the staff list alike. They arrive as text and are checked by
     * these constraints before they are read (a problem naming the parameter: platform/web's InvalidParameters), so
     * a page that is not a number is answered as a body field would be. An empty parameter counts as absent.
     */
    static final String PAGE = "\\s*([1-9]\\d{0,4}|100000)?\\s*";
    static final String PAGE_MESSAGE = "must be a whole number from 1 to 100000";
    static final String PER_PAGE = "\\s*([1-9]\\d?|100)?\\s*";
    static final String PER_PAGE_MESSAGE = "must be a whole number from 1 to 100";
    static final String SEARCH_MESSAGE = "must be at most {max} characters";
    /** ISO 8601 with an offset; the calendar (no 13th month) is checked when it is read. */
    static final String DATE_TIME =
            "\\s*(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?\\s*";
    static final String DATE_TIME_MESSAGE = "must be a date-time with offset, such as 2027-10-15T09:00:00Z";

    private final DirectoryQueries queries;

    DirectoryController(DirectoryQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/resources/services")
    Mono<Page<ServiceView>> services(@RequestParam(required = false) @Size(max = 200, message = SEARCH_MESSAGE)
                                     String search,
                                     @RequestParam(name = "taxonomy_term", required = false) String taxonomyTerm,
                                     @RequestParam(name = "modified_after", required = false)
                                     @Pattern(regexp = DATE_TIME, message = DATE_TIME_MESSAGE) String modifiedAfter,
                                     @RequestParam(required = false) @Pattern(regexp = PAGE, message = PAGE_MESSAGE)
                                     String page,
                                     @RequestParam(name = "per_page", required = false)
                                     @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage) {
        return list(queries, false, search, taxonomyTerm, modifiedAfter, page, perPage);
    }

    @GetMapping("/api/resources/services/{id}")
    Mono<ServiceView> service(@PathVariable UUID id) {
        return queries.byId(id, false).switchIfEmpty(Mono.error(DirectoryController::notFound));
    }

    /** The list, from parameters their constraints have checked. */
    static Mono<Page<ServiceView>> list(DirectoryQueries queries, boolean forStaff, String search,
                                        String taxonomyTerm, String modifiedAfter, String page, String perPage) {
        return queries.list(search, term(taxonomyTerm), instant(modifiedAfter),
                present(page) ? Integer.parseInt(page.strip()) : 1,
                present(perPage) ? Integer.parseInt(perPage.strip()) : 20, forStaff);
    }

    /** Not a constraint: the codes are TaxonomyTerm's, not a constant an annotation can hold. */
    private static String term(String value) {
        if (!present(value)) {
            return null;
        }
        if (!TaxonomyTerm.isKnown(value)) {
            throw new InvalidInput("taxonomy_term", "is not one of " + TaxonomyTerm.codes());
        }
        return value;
    }

    private static Instant instant(String checked) {
        if (!present(checked)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(checked.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("modified_after", DATE_TIME_MESSAGE);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such service in the directory.");
    }
}
