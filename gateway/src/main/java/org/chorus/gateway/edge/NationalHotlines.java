package org.chorus.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reviewed list of national hotlines in platform/contracts, as JSON: what the gateway gives a reader whenever it
 * cannot give what was asked for (the directory is down, a write was refused), so nobody leaves without a number.
 */
public final class NationalHotlines {

    public static final String JSON = read("/org/chorus/contracts/national-hotlines.json");

    /** The same list as a tree, to put into a problem's body beside the reason. */
    public static final JsonNode TREE = JsonMapper.builder().build().readTree(JSON);

    private NationalHotlines() {
    }

    private static String read(String resource) {
        try (InputStream in = NationalHotlines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from platform/contracts");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
