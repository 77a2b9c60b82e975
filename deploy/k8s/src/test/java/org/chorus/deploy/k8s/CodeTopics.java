package org.chorus.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code does with Kafka, read from the source files so this module needs none of them built: the constants of
 * platform/contracts' Topics; per service, the topics its outbox writes ({@code append}, {@code appendTombstone},
 * {@code Outbox.Pending}), and its consumers ({@code @KafkaListener}: group and topics), each of which parks what it
 * cannot read in {@code <topic>.<group>.dlt} (platform/messaging's dead-letter recoverer); and every
 * {@code Topics.deadLetter(...)} a service names. A group or topic written in a way this reader cannot resolve fails
 * the test rather than being skipped.
 */
final class CodeTopics {

    /** The services that talk to Kafka, by the name their Deployment and KafkaUser carry. */
    static final Map<String, String> SERVICES = Map.of(
            "stories", "stories-service", "resources", "resources-service", "notifications", "notifications-service");

    private static final Path ROOT = Overlays.K8S.resolve("../..").normalize();
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";");
    private static final Pattern DEAD_LETTER = Pattern.compile("Topics\\.deadLetter\\(\\s*Topics\\.(\\w+),\\s*([^;]+?)\\)\\)?\\s*\\.");
    private static final Pattern OUTBOX = Pattern.compile("(?:append|appendTombstone|Pending)\\(\\s*Topics\\.(\\w+)");
    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern GROUP = Pattern.compile("groupId\\s*=\\s*([^,)]+)");
    private static final Pattern TOPICS = Pattern.compile("topics\\s*=\\s*(\\{[^}]*}|Topics\\.\\w+)");
    private static final Pattern TOPIC_REF = Pattern.compile("Topics\\.(\\w+)");

    /** One consumer group of a service and the topics it reads. */
    record Consumer(String group, Set<String> topics) {
    }

    /** What one service does with Kafka. */
    record Usage(Set<String> writes, List<Consumer> consumers) {

        /** Every topic it writes: its outbox topics and its consumers' dead-letter topics. */
        Set<String> writesWithDeadLetters() {
            Set<String> all = new TreeSet<>(writes);
            consumers.forEach(c -> c.topics().forEach(t -> all.add(t + "." + c.group() + ".dlt")));
            return all;
        }
    }

    private CodeTopics() {
    }

    /** Every topic the code names: the contracts' topics and every dead-letter topic. */
    static Set<String> all() throws IOException {
        Map<String, String> constants = constants();
        Set<String> topics = new TreeSet<>(constants.values());
        for (String service : SERVICES.keySet()) {
            Usage usage = usage(service);
            topics.addAll(usage.writesWithDeadLetters());
            for (Path f : sources(SERVICES.get(service))) {
                String source = Files.readString(f);
                Matcher d = DEAD_LETTER.matcher(source);
                while (d.find()) {
                    topics.add(topic(constants, d.group(1), f) + "." + resolve(d.group(2).strip(), source, service, f)
                            + ".dlt");
                }
            }
        }
        return topics;
    }

    /** What the given service (a key of {@link #SERVICES}) writes and reads. */
    static Usage usage(String service) throws IOException {
        Map<String, String> constants = constants();
        Set<String> writes = new TreeSet<>();
        List<Consumer> consumers = new ArrayList<>();
        for (Path f : sources(SERVICES.get(service))) {
            String source = Files.readString(f);
            Matcher o = OUTBOX.matcher(source);
            while (o.find()) {
                writes.add(topic(constants, o.group(1), f));
            }
            Matcher l = LISTENER.matcher(source);
            while (l.find()) {
                String annotation = l.group(1);
                Matcher g = GROUP.matcher(annotation);
                Matcher t = TOPICS.matcher(annotation);
                if (!g.find() || !t.find()) {
                    throw new IllegalStateException(f + ": a @KafkaListener without groupId and topics: " + annotation);
                }
                Set<String> topics = new TreeSet<>();
                Matcher r = TOPIC_REF.matcher(t.group(1));
                while (r.find()) {
                    topics.add(topic(constants, r.group(1), f));
                }
                consumers.add(new Consumer(resolve(g.group(1).strip(), source, service, f), topics));
            }
        }
        return new Usage(writes, consumers);
    }

    private static Map<String, String> constants() throws IOException {
        Map<String, String> constants = new HashMap<>();
        Matcher m = CONSTANT.matcher(Files.readString(
                ROOT.resolve("platform/contracts/src/main/java/org/chorus/contracts/Topics.java")));
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        return constants;
    }

    private static String topic(Map<String, String> constants, String name, Path file) {
        String topic = constants.get(name);
        if (topic == null) {
            throw new IllegalStateException(file + " names an unknown topic constant " + name);
        }
        return topic;
    }

    /**
     * A group name as the code writes it: a literal; a String constant ({@code CONSUMER}, {@code Listener.CONSUMER});
     * {@code "#{__listener.group}"}, read through the listener's {@code getGroup()} to a properties accessor; or such
     * an accessor ({@code properties.dispatchGroup()}), whose {@code @DefaultValue} is the group.
     */
    private static String resolve(String expression, String source, String service, Path file) throws IOException {
        Matcher literal = Pattern.compile("^\"([^\"#]+)\"$").matcher(expression);
        if (literal.find()) {
            return literal.group(1);
        }
        Matcher spel = Pattern.compile("^\"#\\{__listener\\.(\\w+)}\"$").matcher(expression);
        if (spel.find()) {
            String getter = "get" + Character.toUpperCase(spel.group(1).charAt(0)) + spel.group(1).substring(1);
            Matcher body = Pattern.compile(getter + "\\(\\)\\s*\\{\\s*return ([^;]+);").matcher(source);
            if (body.find()) {
                return resolve(body.group(1).strip(), source, service, file);
            }
        }
        Matcher accessor = Pattern.compile("^\\w+\\.(\\w+)\\(\\)$").matcher(expression);
        if (accessor.find()) {
            Pattern component = Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\)\\s+String " + accessor.group(1) + "\\b");
            for (Path f : sources(SERVICES.get(service))) {
                Matcher c = component.matcher(Files.readString(f));
                if (c.find()) {
                    return c.group(1);
                }
            }
        }
        Matcher constant = Pattern.compile("^(?:(\\w+)\\.)?([A-Z_]+)$").matcher(expression);
        if (constant.find()) {
            Pattern declaration = Pattern.compile("static final String " + constant.group(2) + " = \"([^\"]+)\";");
            Map<Path, String> candidates = new LinkedHashMap<>();
            if (constant.group(1) == null) {
                candidates.put(file, source);
            } else {
                for (Path f : sources(SERVICES.get(service))) {
                    if (f.getFileName().toString().equals(constant.group(1) + ".java")) {
                        candidates.put(f, Files.readString(f));
                    }
                }
            }
            for (String candidate : candidates.values()) {
                Matcher d = declaration.matcher(candidate);
                if (d.find()) {
                    return d.group(1);
                }
            }
        }
        throw new IllegalStateException(file + ": cannot read the consumer group " + expression
                + " (CodeTopics reads literals, String constants, __listener getters and @DefaultValue accessors)");
    }

    private static List<Path> sources(String module) throws IOException {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            throw new IllegalStateException("no sources at " + src);
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
