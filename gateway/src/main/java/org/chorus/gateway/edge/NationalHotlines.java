package org.chorus.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The reviewed list of national hotlines in platform/contracts, as JSON: what the gateway gives a reader whenever it
 * cannot give what was asked for (the directory is down, a write was refused), so nobody leaves without a number.
 */
public final class NationalHotlines {

    public static final String JSON = read("/org/chorus/contracts/national-hotlines.json");

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
