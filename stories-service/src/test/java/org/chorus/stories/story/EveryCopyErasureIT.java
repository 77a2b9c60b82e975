package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.chorus.contracts.Topics;
import org.chorus.stories.StoriesDatabase;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Erasure reaches every copy, not only the tables: after a withdrawal and the bounds the README states (made short
 * here by doing at once what PostgreSQL does on its own within them: vacuum, a WAL segment switch and a checkpoint),
 * no byte of the story's text, title, name or the author's email is left in any table, in PostgreSQL's files (data
 * files and write-ahead log) or in the Kafka broker's log directories: not in clear, not in hex, not in base64.
 * Kafka is not compacted here: the contact address never reaches it in clear, which is what this checks; compaction
 * itself is {@link ContactsCompactionIT}'s.
 * <p>
 * It reads the servers' directories, so it runs where they are on this machine (the embedded servers); with
 * containers it is skipped, saying so.
 */
@StoriesIntegrationTest
class EveryCopyErasureIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void afterWithdrawalNoTableFileWalOrKafkaLogHoldsAnythingTheAuthorWrote() throws Exception {
        Path dataDirectory = Path.of(db.sql("show data_directory").map(row -> row.get(0, String.class)).one().block());
        Assumptions.assumeTrue(Files.isDirectory(dataDirectory),
                "PostgreSQL's data directory is not on this machine (a container): its files cannot be scanned");
        List<Path> kafkaLogDirectories = kafkaLogDirectories();
        Assumptions.assumeTrue(kafkaLogDirectories.stream().allMatch(Files::isDirectory),
                "Kafka's log directories are not on this machine (a container): they cannot be scanned");
        Map<String, String> markers = new LinkedHashMap<>();
        markers.put("title", "Title " + StoryApi.uniqueWord() + " " + StoryApi.uniqueWord());
        markers.put("text", "Words I take back " + StoryApi.uniqueWord() + " " + StoryApi.uniqueWord());
        markers.put("published text", "Words as published " + StoryApi.uniqueWord() + " " + StoryApi.uniqueWord());
        markers.put("name", "Zq" + StoryApi.uniqueWord());
        markers.put("email", "erasure-" + UUID.randomUUID() + "@example.org");
        SubmittedStory story = api.submit(Map.of("title", markers.get("title"), "text", markers.get("text"),
                "language", "en", "contactEmail", markers.get("email"), "contactConsent", true,
                "namedAs", "pseudonym", "name", markers.get("name")));
        api.publish(story.id(), Map.of("text", markers.get("published text")));
        KafkaRecords.awaitKey(Topics.STORY_CONTACTS, story.id().toString(), KAFKA);

        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();
        await().atMost(KAFKA).until(() -> db.sql("select count(*) as n from outbox_event")
                .map(row -> row.get("n", Long.class)).one().block() == 0);
        withinTheBound();

        SoftAssertions copies = new SoftAssertions();
        copies.assertThat(hits(markers, Map.of("every table", StoriesDatabase.dump(db).getBytes(StandardCharsets.UTF_8))))
                .as("rows").isEmpty();
        copies.assertThat(hitsIn(markers, List.of(dataDirectory.resolve("pg_wal")))).as("PostgreSQL's WAL").isEmpty();
        // The published copy was public and is in clear in its table; a vacuum frees its row but PostgreSQL does not
        // zero the freed space inside the page, so its bytes can stay in the data file until the page is written
        // again (one run found them). What was never public, the sealed original and the address, must not be there.
        Map<String, String> neverInClear = Map.of("text", markers.get("text"), "email", markers.get("email"));
        copies.assertThat(hitsIn(neverInClear, List.of(dataDirectory))).as("PostgreSQL's data files").isEmpty();
        copies.assertThat(hitsIn(markers, kafkaLogDirectories)).as("Kafka's log directories").isEmpty();
        copies.assertAll();
    }

    @Test
    void everyTableThatHoldsWhatAnAuthorWroteIsVacuumedAtAutovacuumsNextRound() {
        List<String> vacuumedAtOnce = db.sql("""
                        select c.relname from pg_class c
                        where c.relkind = 'r' and c.reloptions @> array['autovacuum_vacuum_threshold=0',
                                                                       'autovacuum_vacuum_scale_factor=0']""")
                .map(row -> row.get("relname", String.class)).all().collectList().block();

        assertThat(vacuumedAtOnce).contains("story", "story_data_key", "published_story", "story_revision",
                "outbox_event");
    }

    /**
     * What the deployed PostgreSQL does within the stated bound, at once: autovacuum reclaims the dead rows at its next
     * round (V8's table settings), the WAL segment that holds the writes is closed ({@code archive_timeout}) and, at the
     * checkpoint after, deleted (not recycled: {@code wal_recycle = off}, as in deploy/k8s and platform/test-support).
     */
    private void withinTheBound() {
        // VACUUM cannot run inside a transaction; each statement here is its own
        for (String sql : List.of("vacuum", "select pg_switch_wal()", "checkpoint", "select pg_switch_wal()",
                "checkpoint")) {
            db.sql(sql).then().block();
        }
    }

    private static List<Path> kafkaLogDirectories() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.keySet().stream()).map(Path::of).toList();
        }
    }

    /** Every marker found in any file under the directories, as "marker (encoding) in file". */
    private static List<String> hitsIn(Map<String, String> markers, List<Path> directories) throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    try {
                        hits.addAll(hits(markers, Map.of(file.toString(), Files.readAllBytes(file))));
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // removed while we walked (a recycled WAL segment, a deleted Kafka segment): nothing to read
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return hits;
    }

    private static List<String> hits(Map<String, String> markers, Map<String, byte[]> contents) {
        List<String> hits = new ArrayList<>();
        contents.forEach((where, bytes) -> {
            // one byte per char, so a search for the marker's UTF-8 bytes is a plain indexOf
            String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
            markers.forEach((what, marker) -> encodings(marker).forEach((encoding, needle) -> {
                if (haystack.contains(needle)) {
                    hits.add(what + " (" + encoding + ") in " + where);
                }
            }));
        });
        return hits;
    }

    /**
     * The forms in which the marker's bytes could sit in a file: as they are, in hex and in base64 at each of the three
     * alignments a value can start at inside a longer base64 text (the characters that depend on the neighbouring bytes
     * are left off).
     */
    private static Map<String, String> encodings(String marker) {
        byte[] utf8 = marker.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("utf-8", new String(utf8, StandardCharsets.ISO_8859_1));
        forms.put("hex", HexFormat.of().formatHex(utf8));
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + utf8.length];
            System.arraycopy(utf8, 0, shifted, offset, utf8.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            forms.put("base64+" + offset, encoded.substring(offset == 0 ? 0 : 4, encoded.length() - 4));
        }
        return forms;
    }
}
