package org.chorus.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * Real Kafka brokers ({@code org.apache.kafka:kafka_2.13}, KRaft, each node broker and controller at once), one
 * child process per node, as they run in production. With three nodes or more, topics get three replicas and
 * {@code min.insync.replicas} 2, as Strimzi runs them. A node can be killed (kill -9: nothing flushed, no clean
 * shutdown) and started again on its own data directory, which is kept across restarts of the whole cluster too.
 */
public final class KafkaCluster implements KafkaServer {

    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    // a broker's heap for a laptop or a CI machine: enough for the surge tests, and four JVMs beside it; C1 only
    // starts a node in a third of the time on two cores
    private static final List<String> JVM = jvm();

    private final List<Node> nodes;
    private final IntFunction<Consumer<String>> output;

    private KafkaCluster(List<Node> nodes, IntFunction<Consumer<String>> output) {
        this.nodes = nodes;
        this.output = output;
    }

    /**
     * Starts {@code brokerPorts.size()} nodes, formatting each data directory the first time only.
     *
     * @param brokerPorts     where clients connect, one per node (the devstack: 9092, 9093, 9094)
     * @param controllerPorts the KRaft quorum's own listener, one per node
     * @param dataDirectory   holds {@code node-<id>} directories; kept, so a restart finds its topics and offsets
     * @param output          a line sink per node id (1-based)
     */
    public static KafkaCluster start(List<Integer> brokerPorts, List<Integer> controllerPorts, Path dataDirectory,
                                     IntFunction<Consumer<String>> output) {
        if (brokerPorts.isEmpty() || brokerPorts.size() != controllerPorts.size()) {
            throw new IllegalArgumentException("One broker port and one controller port per node");
        }
        Path data = dataDirectory.toAbsolutePath();
        int size = brokerPorts.size();
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new Node(i + 1, brokerPorts.get(i), controllerPorts.get(i), data.resolve("node-" + (i + 1)),
                    config(i + 1, size, brokerPorts.get(i), controllerPorts.get(i), voters,
                            data.resolve("node-" + (i + 1)))));
        }
        KafkaCluster cluster = new KafkaCluster(nodes, output);
        try {
            String clusterId = clusterId(nodes);
            nodes.parallelStream().forEach(node -> node.format(clusterId, output.apply(node.id)));
            nodes.forEach(node -> node.launch(output.apply(node.id)));
            cluster.awaitBrokers(size, START_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A cluster of {@code size} nodes on free ports, its data and logs under {@code directory}. */
    public static KafkaCluster onFreePorts(int size, Path directory) {
        List<Integer> brokers = IntStream.range(0, size).mapToObj(i -> Ports.free()).toList();
        List<Integer> controllers = IntStream.range(0, size).mapToObj(i -> Ports.free()).toList();
        return start(brokers, controllers, directory, id -> new LogFile(directory.resolve("kafka-" + id + ".log")));
    }

    private static List<String> jvm() {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-Xss512k"));
        // the broker logs through SLF4J: slf4j-simple when this classpath has it (the devstack), to the output sink
        if (present("org.slf4j.simple.SimpleServiceProvider")) {
            options.add("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider");
            // warnings, and the line that says the node is up (at INFO the broker prints ~700 lines of config)
            options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
            options.add("-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info");
        }
        return options;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, KafkaCluster.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Properties config(int id, int size, int brokerPort, int controllerPort, String voters, Path logDir) {
        int replicas = Math.min(size, 3);
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(id)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.resolve("log").toString()),
                Map.entry("default.replication.factor", String.valueOf(replicas)),
                Map.entry("offsets.topic.replication.factor", String.valueOf(replicas)),
                Map.entry("transaction.state.log.replication.factor", String.valueOf(replicas)),
                Map.entry("transaction.state.log.min.isr", String.valueOf(Math.max(1, replicas - 1))),
                Map.entry("min.insync.replicas", String.valueOf(Math.max(1, replicas - 1))),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // a killed node's partitions move to the others within seconds, not the default 9 s + 18 s
                Map.entry("broker.session.timeout.ms", "6000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                Map.entry("unclean.leader.election.enable", "false")));
        return config;
    }

    private static String clusterId(List<Node> nodes) {
        for (Node node : nodes) {
            Path meta = node.logDir().resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return properties.getProperty("cluster.id");
            }
        }
        return Uuid.randomUuid().toString();
    }

    @Override
    public String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.brokerPort).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** kill -9 of one node (1-based id): its clients see connections drop, its partitions lose a replica. */
    public void kill(int id) {
        node(id).process.kill();
    }

    /** Starts a stopped or killed node again on its data directory and waits until the cluster has it back. */
    public void restart(int id) {
        Node node = node(id);
        if (node.process != null && node.process.isAlive()) {
            node.process.close();
        }
        node.launch(output.apply(id));
        awaitBrokers(nodes.size(), START_TIMEOUT);
    }

    /** Waits until every partition of every topic has all its replicas in sync again, e.g. after a restart. */
    public void awaitFullyReplicated(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = admin()) {
            while (true) {
                try {
                    var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    boolean inSync = topics.values().stream().flatMap(t -> t.partitions().stream())
                            .allMatch(p -> p.isr().size() == p.replicas().size());
                    if (inSync) {
                        return;
                    }
                } catch (Exception e) {
                    // a node still joining: ask again
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Partitions not back in sync within " + timeout);
                }
                sleep(500);
            }
        }
    }

    private void awaitBrokers(int expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = admin()) {
            while (true) {
                for (Node node : nodes) {
                    if (node.process != null && !node.process.isAlive()) {
                        throw new IllegalStateException("Kafka node " + node.id + " exited during start:\n"
                                + node.process.tail());
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expected) {
                        return;
                    }
                } catch (Exception e) {
                    // no broker answering yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka cluster of " + expected + " not up within " + timeout);
                }
                sleep(300);
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000));
    }

    private Node node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("No Kafka node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the nodes politely, all at once, so none waits for leaders on one already gone. */
    @Override
    public void close() {
        nodes.stream().filter(node -> node.process != null).forEach(node -> node.process.signalStop());
        nodes.stream().filter(node -> node.process != null).forEach(node -> node.process.close());
    }

    @Override
    public String toString() {
        return "kafka-cluster:" + bootstrapServers();
    }

    private static final class Node {

        private final int id;
        private final int brokerPort;
        private final int controllerPort;
        private final Path directory;
        private final Properties config;
        private ChildProcess process;

        Node(int id, int brokerPort, int controllerPort, Path directory, Properties config) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.directory = directory;
            this.config = config;
        }

        Path logDir() {
            return directory.resolve("log");
        }

        Path configFile() {
            return directory.resolve("server.properties");
        }

        void format(String clusterId, Consumer<String> output) {
            try {
                Files.createDirectories(directory);
                try (Writer writer = Files.newBufferedWriter(configFile())) {
                    config.store(writer, "written by KafkaCluster at every start");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (Files.isRegularFile(logDir().resolve("meta.properties"))) {
                return;
            }
            ChildProcess format = ChildProcess.javaMain("kafka-format-" + id, JVM, "kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId, "-c", configFile().toString()), output);
            if (format.waitFor(START_TIMEOUT) != 0) {
                throw new IllegalStateException("Could not format Kafka node " + id + ":\n" + format.tail());
            }
        }

        void launch(Consumer<String> output) {
            if (Ports.listening(brokerPort) || Ports.listening(controllerPort)) {
                throw new IllegalStateException("Kafka node " + id + ": port " + brokerPort + " or "
                        + controllerPort + " is taken (another Kafka running?)");
            }
            process = ChildProcess.javaMain("kafka-" + id, JVM, "kafka.Kafka",
                    List.of(configFile().toString()), output);
        }
    }
}
