package org.chorus.resources.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** ZIP files for the tabular imports' tests: made from text, read back as text, and a bomb. */
public final class ZipFixtures {

    private ZipFixtures() {
    }

    /** A ZIP holding each file, by name, as UTF-8. */
    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every entry of a ZIP, by name, as text. */
    public static Map<String, String> entries(byte[] zip) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Less than 1 MB that unpacks to 70 MB: organizations.csv with this header and then endless lines. */
    public static byte[] bomb(String header) {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("organizations.csv"));
            zip.write((header + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("a".repeat(60_000) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 70 * 1024 * 1024 / line.length; i++) {
                zip.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(bomb.size()).isLessThan(1 << 20);
        return bomb.toByteArray();
    }
}
