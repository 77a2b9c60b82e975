package org.chorus.resources.hsds;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Open Referral's published HSDS 3.0 schemas (src/test/resources/hsds, see its README) and a JSON Schema 2020-12
 * validator over them, formats asserted. Each schema is registered under the address the published openapi.json
 * gives it, so the schemas' relative references resolve among the fixtures and nothing is fetched.
 */
final class HsdsSchemas {

    static final String BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

    static final String SERVICE = "compiled/service.json";
    static final String SERVICE_LIST = "compiled/service_list.json";
    static final String ORGANIZATION = "compiled/organization.json";
    static final String ORGANIZATION_LIST = "compiled/organization_list.json";
    static final String SERVICE_AT_LOCATION = "compiled/service_at_location.json";
    static final String SERVICE_AT_LOCATION_LIST = "compiled/service_at_location_list.json";
    static final String TAXONOMY = "taxonomy.json";
    static final String TAXONOMY_TERM = "taxonomy_term.json";
    static final String OPENAPI = "openapi.json";
    static final String DATAPACKAGE = "datapackage.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> PUBLISHED = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(iri -> PUBLISHED.get(iri.startsWith(BASE) ? iri.substring(BASE.length()) : iri))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private HsdsSchemas() {
    }

    /**
     * The published text of a fixture, as its SHA256SUMS line names it ({@code compiled/service.json}); the tabular
     * data package ({@code datapackage.json}) is the copy the export ships in the main resources.
     */
    static String published(String path) {
        return path.equals(DATAPACKAGE) ? resource("org/chorus/resources/hsds/" + DATAPACKAGE) : PUBLISHED.get(path);
    }

    /** What SHA256SUMS says each fixture's SHA-256 is, by path. */
    static Map<String, String> recordedSums() {
        Map<String, String> sums = new LinkedHashMap<>();
        resource("hsds/SHA256SUMS").lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] parts = line.split("\\s+", 2);
            sums.put(parts[1].startsWith("schema/") ? parts[1].substring("schema/".length()) : parts[1], parts[0]);
        });
        return sums;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every way the node breaks the published schema at this path; empty when it conforms. */
    static List<String> errors(String path, JsonNode node) {
        Schema schema = SCHEMAS.computeIfAbsent(path, p -> REGISTRY.getSchema(SchemaLocation.of(BASE + p)));
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    /**
     * Every way a list answer breaks HSDS: the page envelope of openapi.json (components.schemas.Page, each of its
     * fields present) and each item against the path's item schema.
     */
    static List<String> pageErrors(String itemPath, JsonNode page) {
        JsonNode pageSchema = JSON.readTree(published(OPENAPI)).get("components").get("schemas").get("Page");
        Stream<String> envelope = REGISTRY.getSchema(pageSchema).validate(page).stream().map(Error::toString);
        Stream<String> missing = pageSchema.get("properties").propertyNames().stream()
                .filter(field -> !page.has(field)).map(field -> "$." + field + ": missing from the page envelope");
        Stream<String> contents = page.has("contents") ? page.get("contents").valueStream()
                .flatMap(item -> errors(itemPath, item).stream()) : Stream.of("$.contents: missing");
        return Stream.of(envelope, missing, contents).flatMap(s -> s).toList();
    }

    /**
     * Every way a {@code minimal=true} answer breaks HSDS: the page envelope, and each item only an id and a
     * last_modified that conform to service_list.json's own definitions of those fields (the published schemas have
     * no item schema for this shape, which leaves out a service's required name and status).
     */
    static List<String> minimalPageErrors(JsonNode page) {
        JsonNode published = JSON.readTree(published(SERVICE_LIST)).get("properties");
        ObjectNode properties = JSON.createObjectNode();
        properties.set("id", published.get("id"));
        properties.set("last_modified", published.get("last_modified"));
        ObjectNode itemSchema = JSON.createObjectNode();
        itemSchema.put("type", "object");
        itemSchema.set("properties", properties);
        itemSchema.set("required", JSON.createArrayNode().add("id").add("last_modified"));
        itemSchema.put("additionalProperties", false);
        JsonNode pageSchema = JSON.readTree(published(OPENAPI)).get("components").get("schemas").get("Page");
        Schema items = REGISTRY.getSchema(itemSchema);
        Stream<String> envelope = REGISTRY.getSchema(pageSchema).validate(page).stream().map(Error::toString);
        Stream<String> contents = page.get("contents").valueStream()
                .flatMap(item -> items.validate(item).stream().map(Error::toString));
        return Stream.concat(envelope, contents).toList();
    }

    private static Map<String, String> load() {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String path : List.of(SERVICE, SERVICE_LIST, ORGANIZATION, ORGANIZATION_LIST, SERVICE_AT_LOCATION,
                SERVICE_AT_LOCATION_LIST, TAXONOMY, TAXONOMY_TERM, "metadata.json", OPENAPI)) {
            try (InputStream gz = new GZIPInputStream(stream("hsds/schema/" + path + ".gz"))) {
                schemas.put(path, new String(gz.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(schemas);
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = HsdsSchemas.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("No test resource " + name);
        }
        return in;
    }
}
