package org.chorus.resources.hsds;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chorus.resources.directory.DirectoryQueries;
import org.chorus.resources.directory.DirectoryQueries.ServiceFilter;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.geo.ZipCentroids;
import org.chorus.resources.hsds.Hsds.About;
import org.chorus.resources.hsds.Hsds.ModifiedService;
import org.chorus.resources.hsds.Hsds.Organization;
import org.chorus.resources.hsds.Hsds.Page;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.hsds.Hsds.ServiceAtLocation;
import org.chorus.resources.hsds.Hsds.Taxonomy;
import org.chorus.resources.hsds.Hsds.TaxonomyTerm;
import org.chorus.resources.hsds.HsdsQueries.Place;
import org.chorus.resources.hsds.HsdsQueries.PlaceFilter;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The directory as an Open Referral HSDS 3.0 API (the paths and parameters of the published openapi.json), public
 * and anonymous like the rest of the directory. Lists answer in the HSDS page envelope, or with {@code format=ndjson}
 * every match as one JSON object a line, unpaged. Query parameters arrive as text and are checked by constraints
 * (platform/web's InvalidParameters names the parameter); an empty one counts as absent.
 */
@RestController
@RequestMapping("/api/resources/hsds")
class HsdsController {

    static final String PAGE = "\\s*([1-9]\\d{0,4}|100000)?\\s*";
    static final String PAGE_MESSAGE = "must be a whole number from 1 to 100000";
    static final String PER_PAGE = "\\s*([1-9]\\d?|100)?\\s*";
    static final String PER_PAGE_MESSAGE = "must be a whole number from 1 to 100";
    static final String FORMAT = "\\s*(json|ndjson)?\\s*";
    static final String FORMAT_MESSAGE = "must be json or ndjson";
    static final String FLAG = "\\s*(true|false)?\\s*";
    static final String FLAG_MESSAGE = "must be true or false";
    static final String UUID_TEXT =
            "\\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?\\s*";
    static final String UUID_MESSAGE = "must be a UUID";
    static final String DATE_TIME =
            "\\s*(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?\\s*";
    static final String DATE_TIME_MESSAGE = "must be a date-time with offset, such as 2027-10-15T09:00:00Z";
    static final String POSTCODE = "\\s*(\\d{5})?\\s*";
    static final String POSTCODE_MESSAGE = "must be a five-digit US ZIP code";
    /** Whole metres; the range (as far as search's 500 km) is checked when it is read. */
    static final String PROXIMITY = "\\s*(\\d{1,9})?\\s*";
    static final String PROXIMITY_MESSAGE = "must be a whole number of metres from 1 to 500000";
    static final int MAX_PROXIMITY_M = 500_000;
    static final String SEARCH_MESSAGE = "must be at most {max} characters";
    /** PostgreSQL text cannot hold NUL; refused here rather than failing in the database. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain the NUL character";

    /** The published description of this API: the paths, parameters and schemas it answers with. */
    static final String OPENAPI_URL =
            "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";
    static final String PROFILE = "https://github.com/openreferral/specification/tree/3.0";

    static final String PAGED = "The HSDS page envelope (total_items, total_pages, page_number, size, first_page,"
            + " last_page, empty, contents); with format=ndjson every match, one JSON object a line"
            + " (application/x-ndjson), unpaged.";

    private final DirectoryQueries directory;
    private final HsdsQueries queries;
    private final HsdsMapping mapping;
    private final ZipCentroids zips;

    HsdsController(DirectoryQueries directory, HsdsQueries queries, HsdsMapping mapping, ZipCentroids zips) {
        this.directory = directory;
        this.queries = queries;
        this.mapping = mapping;
        this.zips = zips;
    }

    @Operation(summary = "HSDS 3.0: which version and profile this API is, and where its OpenAPI description is")
    @GetMapping({"", "/"})
    About about() {
        return new About("3.0", PROFILE, OPENAPI_URL);
    }

    @Operation(summary = "HSDS 3.0 services", description = PAGED + " Items: service_list.json, or service.json"
            + " with full=true. taxonomy_term_id is a service type's id from /taxonomy_terms; taxonomy_id a"
            + " taxonomy's id from /taxonomies (services with any term of it: every service has a service type and"
            + " Chorus's extension attributes). With minimal=true every match on one page, each item only its id and"
            + " last_modified (the openapi.json's 'modified_date' is the service's last_modified field).")
    @GetMapping("/services")
    ResponseEntity<Object> services(@RequestParam(required = false) @Size(max = 200, message = SEARCH_MESSAGE)
                                    @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
                                    String search,
                                    @RequestParam(name = "taxonomy_term_id", required = false)
                                    @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE) String taxonomyTermId,
                                    @RequestParam(name = "taxonomy_id", required = false)
                                    @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE) String taxonomyId,
                                    @RequestParam(name = "organization_id", required = false)
                                    @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE) String organizationId,
                                    @RequestParam(name = "modified_after", required = false)
                                    @Pattern(regexp = DATE_TIME, message = DATE_TIME_MESSAGE) String modifiedAfter,
                                    @RequestParam(required = false) @Pattern(regexp = FLAG, message = FLAG_MESSAGE)
                                    String full,
                                    @RequestParam(required = false) @Pattern(regexp = FLAG, message = FLAG_MESSAGE)
                                    String minimal,
                                    @RequestParam(required = false) @Pattern(regexp = PAGE, message = PAGE_MESSAGE)
                                    String page,
                                    @RequestParam(name = "per_page", required = false)
                                    @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage,
                                    @RequestParam(required = false) @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE)
                                    String format) {
        ServiceFilter filter = new ServiceFilter(text(search), serviceType(taxonomyTermId), uuid(organizationId),
                instant(modifiedAfter));
        checkTaxonomy(taxonomyId);
        if ("true".equals(text(minimal))) {
            Flux<ModifiedService> all = queries.modified(filter);
            return ndjson(format) ? ndjson(all) : json(all.collectList()
                    .map(contents -> Page.of(contents, contents.size(), 1, Math.max(1, contents.size()))));
        }
        Function<ServiceView, Service> shape = "true".equals(text(full)) ? mapping::service
                : view -> mapping.service(view).brief();
        if (ndjson(format)) {
            return ndjson(directory.publicMatching(filter).map(shape));
        }
        int number = number(page, 1);
        int size = number(perPage, 20);
        return json(directory.publicPage(filter, number, size)
                .map(slice -> Page.of(slice.contents().stream().map(shape).toList(), slice.totalItems(), number,
                        size)));
    }

    @Operation(summary = "HSDS 3.0 service, fully nested (compiled/service.json)")
    @GetMapping("/services/{id}")
    Mono<Service> service(@PathVariable UUID id) {
        return directory.publicById(id).map(mapping::service).switchIfEmpty(Mono.error(() -> notFound("service")));
    }

    @Operation(summary = "HSDS 3.0 organizations with a public service", description = PAGED
            + " Items: organization_list.json.")
    @GetMapping("/organizations")
    ResponseEntity<Object> organizations(@RequestParam(required = false)
                                         @Size(max = 200, message = SEARCH_MESSAGE)
                                         @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String search,
                                         @RequestParam(required = false)
                                         @Pattern(regexp = PAGE, message = PAGE_MESSAGE) String page,
                                         @RequestParam(name = "per_page", required = false)
                                         @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage,
                                         @RequestParam(required = false)
                                         @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        String words = text(search);
        if (ndjson(format)) {
            return ndjson(queries.organizations(words, null, 0));
        }
        int number = number(page, 1);
        int size = number(perPage, 20);
        return json(Mono.zip(queries.countOrganizations(words),
                        queries.organizations(words, size, (long) (number - 1) * size).collectList())
                .map(both -> Page.of(both.getT2(), both.getT1(), number, size)));
    }

    /** The organization with its public services, brief unless {@code full_service=true}. */
    @Operation(summary = "HSDS 3.0 organization with its public services (compiled/organization.json)")
    @GetMapping("/organizations/{id}")
    Mono<Organization> organization(@PathVariable UUID id,
                                    @RequestParam(name = "full_service", required = false)
                                    @Pattern(regexp = FLAG, message = FLAG_MESSAGE) String fullService) {
        boolean full = "true".equals(text(fullService));
        return queries.organization(id)
                .flatMap(organization -> directory.publicMatching(new ServiceFilter(null, null, id, null))
                        .map(view -> full ? mapping.service(view) : mapping.service(view).brief())
                        .collectList()
                        .map(services -> new Organization(organization.id(), organization.name(),
                                organization.description(), organization.website(), services)))
                .switchIfEmpty(Mono.error(() -> notFound("organization")));
    }

    /**
     * The places of public services. With {@code postcode} alone, the places in that ZIP code; with {@code proximity}
     * too, those within that many metres of the ZIP's centre, nearest first, measured to each place's public point.
     */
    @Operation(summary = "HSDS 3.0 service_at_locations, by postcode and proximity (metres)", description = PAGED
            + " Items: service_at_location_list.json. With proximity, nearest first from the postcode's centre,"
            + " measured to each place's public point (a confidential place's ZIP centre).")
    @GetMapping("/service_at_locations")
    ResponseEntity<Object> serviceAtLocations(@RequestParam(required = false)
                                              @Size(max = 200, message = SEARCH_MESSAGE)
                                              @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String search,
                                              @RequestParam(name = "taxonomy_term_id", required = false)
                                              @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE)
                                              String taxonomyTermId,
                                              @RequestParam(name = "taxonomy_id", required = false)
                                              @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE)
                                              String taxonomyId,
                                              @RequestParam(name = "organization_id", required = false)
                                              @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE)
                                              String organizationId,
                                              @RequestParam(name = "modified_after", required = false)
                                              @Pattern(regexp = DATE_TIME, message = DATE_TIME_MESSAGE)
                                              String modifiedAfter,
                                              @RequestParam(required = false)
                                              @Pattern(regexp = POSTCODE, message = POSTCODE_MESSAGE) String postcode,
                                              @RequestParam(required = false)
                                              @Pattern(regexp = PROXIMITY, message = PROXIMITY_MESSAGE)
                                              String proximity,
                                              @RequestParam(required = false)
                                              @Pattern(regexp = PAGE, message = PAGE_MESSAGE) String page,
                                              @RequestParam(name = "per_page", required = false)
                                              @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage,
                                              @RequestParam(required = false)
                                              @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        PlaceFilter filter = placeFilter(new ServiceFilter(text(search), serviceType(taxonomyTermId),
                uuid(organizationId), instant(modifiedAfter)), text(postcode), text(proximity));
        checkTaxonomy(taxonomyId);
        if (ndjson(format)) {
            return ndjson(queries.places(filter, null, 0).buffer(100).concatMap(this::serviceAtLocations));
        }
        int number = number(page, 1);
        int size = number(perPage, 20);
        return json(Mono.zip(queries.countPlaces(filter),
                        queries.places(filter, size, (long) (number - 1) * size).collectList()
                                .flatMap(places -> serviceAtLocations(places).collectList()))
                .map(both -> Page.of(both.getT2(), both.getT1(), number, size)));
    }

    /** The place with its whole service. */
    @Operation(summary = "HSDS 3.0 service_at_location with its whole service (compiled/service_at_location.json)")
    @GetMapping("/service_at_locations/{id}")
    Mono<ServiceAtLocation> serviceAtLocation(@PathVariable UUID id) {
        return queries.serviceOfPlace(id)
                .flatMap(directory::publicById)
                .flatMap(view -> Mono.justOrEmpty(view.locations().stream()
                        .filter(place -> place.id().equals(id)).findFirst()
                        .map(place -> new ServiceAtLocation(id, view.id(), id, null, HsdsMapping.location(place),
                                mapping.service(view), null))))
                .switchIfEmpty(Mono.error(() -> notFound("service_at_location")));
    }

    @Operation(summary = "HSDS 3.0 taxonomies: Chorus service types and Chorus directory extensions",
            description = PAGED)
    @GetMapping("/taxonomies")
    ResponseEntity<Object> taxonomies(@RequestParam(required = false) @Size(max = 200, message = SEARCH_MESSAGE)
                                      @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
                                      String search,
                                      @RequestParam(required = false) @Pattern(regexp = PAGE, message = PAGE_MESSAGE)
                                      String page,
                                      @RequestParam(name = "per_page", required = false)
                                      @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage,
                                      @RequestParam(required = false)
                                      @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        List<Taxonomy> matching = ChorusTaxonomies.taxonomies().stream()
                .filter(taxonomy -> matches(search, taxonomy.name(), taxonomy.description())).toList();
        return fixedList(matching, page, perPage, format);
    }

    @GetMapping("/taxonomies/{id}")
    Mono<Taxonomy> taxonomy(@PathVariable UUID id) {
        return Mono.justOrEmpty(ChorusTaxonomies.taxonomies().stream().filter(t -> t.id().equals(id)).findFirst())
                .switchIfEmpty(Mono.error(() -> notFound("taxonomy")));
    }

    @Operation(summary = "HSDS 3.0 taxonomy terms: the service types and the extension attributes' terms",
            description = PAGED)
    @GetMapping("/taxonomy_terms")
    ResponseEntity<Object> taxonomyTerms(@RequestParam(required = false)
                                         @Size(max = 200, message = SEARCH_MESSAGE)
                                         @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String search,
                                         @RequestParam(name = "taxonomy_id", required = false)
                                         @Pattern(regexp = UUID_TEXT, message = UUID_MESSAGE) String taxonomyId,
                                         @RequestParam(required = false)
                                         @Pattern(regexp = PAGE, message = PAGE_MESSAGE) String page,
                                         @RequestParam(name = "per_page", required = false)
                                         @Pattern(regexp = PER_PAGE, message = PER_PAGE_MESSAGE) String perPage,
                                         @RequestParam(required = false)
                                         @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        UUID taxonomy = uuid(taxonomyId);
        List<TaxonomyTerm> matching = ChorusTaxonomies.terms().stream()
                .filter(term -> taxonomy == null || taxonomy.equals(term.taxonomyId()))
                .filter(term -> matches(search, term.code(), term.name(), term.description())).toList();
        return fixedList(matching, page, perPage, format);
    }

    @GetMapping("/taxonomy_terms/{id}")
    Mono<TaxonomyTerm> taxonomyTerm(@PathVariable UUID id) {
        return Mono.justOrEmpty(ChorusTaxonomies.term(id)).switchIfEmpty(Mono.error(() -> notFound("taxonomy_term")));
    }

    /** The places in the order given, each with its service's one-to-one fields. */
    private Flux<ServiceAtLocation> serviceAtLocations(List<Place> places) {
        List<UUID> serviceIds = places.stream().map(Place::serviceId).distinct().toList();
        return directory.publicByIds(serviceIds).collectMap(ServiceView::id).flatMapMany(services ->
                Flux.fromIterable(places).concatMap(place -> {
                    ServiceView view = services.get(place.serviceId());
                    if (view == null) {
                        return Mono.empty(); // closed between the two reads
                    }
                    Map<UUID, ServiceView.LocationView> byId = view.locations().stream()
                            .collect(Collectors.toMap(ServiceView.LocationView::id, Function.identity()));
                    ServiceView.LocationView location = byId.get(place.locationId());
                    if (location == null) {
                        return Mono.empty();
                    }
                    return Mono.just(new ServiceAtLocation(place.locationId(), view.id(), place.locationId(), null,
                            HsdsMapping.location(location).brief(), mapping.service(view).brief(), null));
                }));
    }

    private PlaceFilter placeFilter(ServiceFilter services, String postcode, String proximity) {
        if (proximity == null) {
            return new PlaceFilter(services, postcode, null, null);
        }
        if (postcode == null) {
            throw new InvalidInput("proximity", "needs a postcode to measure from");
        }
        int metres = Integer.parseInt(proximity);
        if (metres < 1 || metres > MAX_PROXIMITY_M) {
            throw new InvalidInput("proximity", PROXIMITY_MESSAGE);
        }
        Coordinates centre = zips.locate(postcode).orElseThrow(() ->
                new InvalidInput("postcode", "is not a US ZIP code area this directory knows"));
        return new PlaceFilter(services, postcode, centre, metres);
    }

    private static <T> ResponseEntity<Object> fixedList(List<T> all, String page, String perPage, String format) {
        if (ndjson(format)) {
            return ndjson(Flux.fromIterable(all));
        }
        int number = number(page, 1);
        int size = number(perPage, 20);
        List<T> contents = all.stream().skip((long) (number - 1) * size).limit(size).toList();
        return json(Mono.just(Page.of(contents, all.size(), number, size)));
    }

    private static boolean matches(String search, String... texts) {
        String words = text(search);
        if (words == null) {
            return true;
        }
        String haystack = String.join(" ", texts).toLowerCase(Locale.ROOT);
        return Arrays.stream(words.toLowerCase(Locale.ROOT).split("\\s+"))
                .allMatch(haystack::contains);
    }

    /** A taxonomy_term_id as the directory's code: only service types select services. */
    private static String serviceType(String taxonomyTermId) {
        UUID id = uuid(taxonomyTermId);
        if (id == null) {
            return null;
        }
        return ChorusTaxonomies.terms().stream()
                .filter(term -> term.id().equals(id) && ChorusTaxonomies.SERVICE_TYPES.id().equals(term.taxonomyId()))
                .map(TaxonomyTerm::code).findFirst()
                .orElseThrow(() -> new InvalidInput("taxonomy_term_id",
                        "is not the id of a service type (see /api/resources/hsds/taxonomy_terms)"));
    }

    /**
     * A taxonomy_id must name one of the directory's taxonomies; it then selects every service, each having a service
     * type and the extension attributes, so it narrows nothing.
     */
    private static void checkTaxonomy(String taxonomyId) {
        UUID id = uuid(taxonomyId);
        if (id != null && ChorusTaxonomies.taxonomies().stream().noneMatch(taxonomy -> taxonomy.id().equals(id))) {
            throw new InvalidInput("taxonomy_id", "is not the id of a taxonomy (see /api/resources/hsds/taxonomies)");
        }
    }

    private static boolean ndjson(String format) {
        return "ndjson".equals(text(format));
    }

    private static ResponseEntity<Object> ndjson(Flux<?> contents) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(contents);
    }

    private static ResponseEntity<Object> json(Mono<?> page) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    private static int number(String checked, int otherwise) {
        String value = text(checked);
        return value == null ? otherwise : Integer.parseInt(value);
    }

    private static UUID uuid(String checked) {
        String value = text(checked);
        return value == null ? null : UUID.fromString(value);
    }

    private static Instant instant(String checked) {
        String value = text(checked);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("modified_after", DATE_TIME_MESSAGE);
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such " + what + " in the directory.");
    }
}
