package org.chorus.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every topic the code names: the constants of platform/contracts' Topics and every {@code Topics.deadLetter(...)}
 * in the services' sources, read from the source files so this module needs none of them built.
 */
final class CodeTopics {

    private static final Path ROOT = Overlays.K8S.resolve("../..").normalize();
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";");
    private static final Pattern DEAD_LETTER = Pattern.compile("Topics\\.deadLetter\\(\\s*Topics\\.(\\w+),\\s*\"([^\"]+)\"\\s*\\)");

    private CodeTopics() {
    }

    static Set<String> all() throws IOException {
        Map<String, String> constants = new HashMap<>();
        Matcher m = CONSTANT.matcher(Files.readString(
                ROOT.resolve("platform/contracts/src/main/java/org/chorus/contracts/Topics.java")));
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        Set<String> topics = new TreeSet<>(constants.values());
        for (String service : new String[] {"stories-service", "resources-service", "notifications-service", "gateway"}) {
            Path src = ROOT.resolve(service).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher d = DEAD_LETTER.matcher(Files.readString(f));
                    while (d.find()) {
                        String topic = constants.get(d.group(1));
                        if (topic == null) {
                            throw new IllegalStateException(f + " names an unknown topic constant " + d.group(1));
                        }
                        topics.add(topic + "." + d.group(2) + ".dlt");
                    }
                }
            }
        }
        return topics;
    }
}
