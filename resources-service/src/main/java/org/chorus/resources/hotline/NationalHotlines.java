package org.chorus.resources.hotline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real national crisis lines, from the one reviewed file both this service and the gateway serve:
 * {@code org/chorus/contracts/national-hotlines.json} in platform/contracts (the gateway answers with it when this
 * service is down). They live in code, not in the database, so they are served even when PostgreSQL or Kafka is
 * down, and a change to them is a reviewed change. NationalHotlinesTest repeats every number: changing one there
 * without changing it here fails the build. Last reviewed against the lines' own sites: 2026-11-28.
 */
public final class NationalHotlines {

    public static final List<NationalHotline> ALL = load();

    private NationalHotlines() {
    }

    private static List<NationalHotline> load() {
        try (InputStream in = NationalHotlines.class.getResourceAsStream("/org/chorus/contracts/national-hotlines.json")) {
            if (in == null) {
                throw new IllegalStateException("national-hotlines.json is missing from platform/contracts");
            }
            return List.copyOf(JsonMapper.builder().build().readValue(in, new TypeReference<List<NationalHotline>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
