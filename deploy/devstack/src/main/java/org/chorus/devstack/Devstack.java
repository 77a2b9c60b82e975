package org.chorus.devstack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.chorus.testsupport.ChildProcess;
import org.chorus.testsupport.ChorusHome;
import org.chorus.testsupport.KafkaCluster;
import org.chorus.testsupport.KafkaServer;
import org.chorus.testsupport.KeycloakServer;
import org.chorus.testsupport.LoadBalancer;
import org.chorus.testsupport.OtlpReceiver;
import org.chorus.testsupport.Ports;
import org.chorus.testsupport.PrometheusServer;
import org.chorus.testsupport.PostgresServer;
import org.chorus.testsupport.Readiness;
import org.chorus.testsupport.SmtpServer;

/**
 * The whole platform on one machine, without Docker: PostgreSQL, real Kafka (one KRaft node, or three with
 * replication 3 and {@code min.insync.replicas} 2, each its own process), Keycloak with the chorus realm,
 * an SMTP server with a page to read what it received, and the four services as separate JVMs from their
 * executable jars. {@link #main} runs it until Ctrl-C; the end-to-end tests start it in-process.
 */
public final class Devstack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    // small and quick to start: a developer's laptop runs five JVMs plus Keycloak; a benchmark sets
    // chorus.devstack.service-jvm to measure the services with the JIT and heap they would have in production
    private static final List<String> SERVICE_JVM = List.of(System.getProperty("chorus.devstack.service-jvm",
            "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k")
            .trim().split("\\s+"));

    private final DevstackPorts ports;
    private final boolean observe;
    private final boolean balanced;
    // with balanced: each service's port is a LoadBalancer's, and its one pod listens on a port of its own
    private final Map<String, LoadBalancer> balancers = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, ChildProcess> started = new LinkedHashMap<>();
    private final Map<String, Service> definitions = new LinkedHashMap<>();
    private Function<String, Consumer<String>> output;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> observability = new ArrayList<>();
    private SmtpServer smtp;
    private KafkaServer kafka;
    private KeycloakServer keycloak;
    private OtlpReceiver traces;
    private PrometheusServer prometheus;

    private Devstack(DevstackPorts ports, boolean observe, boolean balanced) {
        this.ports = ports;
        this.observe = observe;
        this.balanced = balanced;
    }

    /** One Kafka node. */
    public static Devstack start(DevstackPorts ports, Path dataDirectory, boolean fresh,
                                 Function<String, Consumer<String>> output) {
        return start(ports, dataDirectory, fresh, 1, output);
    }

    /**
     * @param dataDirectory where PostgreSQL's and Kafka's data and the unpacked Keycloak live between runs
     * @param fresh         delete that data first
     * @param kafkaNodes    how many Kafka nodes (1, or 3 for a cluster as in production)
     * @param output        a line sink per component name (console with prefixes, or files)
     */
    public static Devstack start(DevstackPorts ports, Path dataDirectory, boolean fresh, int kafkaNodes,
                                 Function<String, Consumer<String>> output) {
        return start(ports, dataDirectory, fresh, kafkaNodes, false, output);
    }

    /**
     * @param observe also a trace receiver (OTLP/HTTP, with a page listing the traces) and, when Debian's prometheus
     *                is installed, Prometheus scraping every service's management port with deploy/observability's
     *                alert rules; each service then serves its actuator on a management port of its own
     */
    public static Devstack start(DevstackPorts ports, Path dataDirectory, boolean fresh, int kafkaNodes,
                                 boolean observe, Function<String, Consumer<String>> output) {
        return start(new Devstack(ports, observe, false), dataDirectory, fresh, kafkaNodes, output);
    }

    /**
     * Each service, the gateway included, behind a {@link LoadBalancer} on its usual port, as a Kubernetes Service
     * fronts a Deployment's pods, so that {@link #rollingRestart} can replace its pod the way Kubernetes does.
     */
    public static Devstack startBalanced(DevstackPorts ports, Path dataDirectory, int kafkaNodes,
                                         Function<String, Consumer<String>> output) {
        return start(new Devstack(ports, false, true), dataDirectory, true, kafkaNodes, output);
    }

    private static Devstack start(Devstack devstack, Path dataDirectory, boolean fresh, int kafkaNodes,
                                  Function<String, Consumer<String>> output) {
        try {
            devstack.startAll(dataDirectory.toAbsolutePath(), fresh, kafkaNodes, output);
            return devstack;
        } catch (RuntimeException e) {
            devstack.close();
            throw e;
        }
    }

    private void startAll(Path data, boolean fresh, int kafkaNodes, Function<String, Consumer<String>> output) {
        this.output = output;
        if (fresh) {
            deleteRecursively(data.resolve("postgres"));
            deleteRecursively(data.resolve("kafka"));
            deleteRecursively(data.resolve("keycloak-" + KeycloakServer.VERSION).resolve("data"));
        }
        // Keycloak is the slowest part and nothing needs it to start: it comes up while the rest does
        CompletableFuture<KeycloakServer> keycloakStarting = CompletableFuture.supplyAsync(
                () -> KeycloakServer.process(ports.keycloak(), data, output.apply("keycloak")));

        PostgresServer postgres = keep(PostgresServer.embedded(ports.postgres(), data.resolve("postgres")));
        KafkaServer kafka = keep(startKafka(data.resolve("kafka"), kafkaNodes, output));
        this.kafka = kafka;
        smtp = keep(SmtpServer.start(ports.smtp()));
        keep(MailViewer.start(ports.mailViewer(), smtp));

        String issuer = "http://localhost:" + ports.keycloak() + "/realms/" + KeycloakServer.REALM;
        // development: the keys and secrets that are public because they are in the repository; without this
        // profile a service refuses to start until real ones are set
        List<String> common = new ArrayList<>(List.of(
                "--spring.profiles.active=development",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                // every request traced (production samples 10 %; a benchmark sets chorus.devstack.sampling to
                // measure that); exported only with --observe
                "--management.tracing.sampling.probability=" + System.getProperty("chorus.devstack.sampling", "1.0")));
        boolean standard = ports.equals(DevstackPorts.standard());
        if (observe) {
            traces = keep(OtlpReceiver.start(standard ? 4318 : 0));
            common.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.tracesEndpoint());
            common.add("--management.opentelemetry.tracing.export.schedule-delay=1s");
        }
        List<Service> services = List.of(
                new Service("stories", "stories-service", ports.stories(),
                        concat(common, database(postgres, "chorus_stories"))),
                new Service("resources", "resources-service", ports.resources(),
                        // the demo directory: every entry says DEMO, no real-looking local crisis line
                        concat(common, database(postgres, "chorus_resources"), List.of("--spring.profiles.active=development,demo"))),
                new Service("notifications", "notifications-service", ports.notifications(),
                        concat(common, database(postgres, "chorus_notifications"), List.of(
                                "--spring.mail.host=" + smtp.host(), "--spring.mail.port=" + smtp.port(),
                                "--chorus.keycloak.server-url=http://localhost:" + ports.keycloak(),
                                // links in mail lead people to the gateway, wherever this devstack put it
                                "--chorus.notifications.public-base-url=http://localhost:" + ports.gateway()))),
                new Service("gateway", "gateway", ports.gateway(), concat(common, List.of(
                        // it starts beside the services, which are not up yet to warm anything against
                        "--chorus.edge.warm-up.requests=0",
                        "--chorus.services.stories=http://localhost:" + ports.stories(),
                        "--chorus.services.resources=http://localhost:" + ports.resources(),
                        "--chorus.services.notifications=http://localhost:" + ports.notifications()))));

        // with --observe the actuator (health, metrics) moves to a port of its own, as in production
        List<Integer> management = services.stream()
                .map(service -> observe ? (standard ? service.port() + 1000 : Ports.free()) : service.port()).toList();
        List<ChildProcess> processes = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            List<String> own = observe ? List.of("--management.server.port=" + management.get(i),
                    "--management.server.address=127.0.0.1") : List.of();
            Service pod = new Service(service.name(), service.module(), balanced ? Ports.free() : service.port(),
                    concat(service.arguments(), own));
            processes.add(keep(pod.start(output.apply(service.name()))));
            started.put(service.name(), processes.get(i));
            definitions.put(service.name(), pod);
            if (balanced) {
                balancers.put(service.name(), keep(LoadBalancer.start(service.name(), service.port())));
                pods.put(service.name(), new Pod(pod, processes.get(i), 1));
            }
        }
        for (int i = 0; i < services.size(); i++) {
            Readiness.await(processes.get(i), URI.create("http://127.0.0.1:"
                    + (balanced ? pods.get(services.get(i).name()).service().port() : management.get(i))
                    + "/actuator/health/readiness"), READY_TIMEOUT);
        }
        pods.forEach((name, pod) -> balancers.get(name).add(pod.service().port()));
        keycloak = keep(keycloakStarting.join());
        if (observe) {
            observability.add("Traces          " + traces.url() + "  (OTLP/HTTP " + traces.tracesEndpoint() + ")");
            for (int i = 0; i < services.size(); i++) {
                observability.add("Metrics         http://127.0.0.1:" + management.get(i) + "/actuator/prometheus  ("
                        + services.get(i).name() + ")");
            }
            if (new File(PrometheusServer.BINARY).canExecute()) {
                prometheus = keep(PrometheusServer.start(standard ? 9090 : Ports.free(),
                        data.resolve("prometheus"), management.stream().map(port -> "127.0.0.1:" + port).toList(),
                        List.of(ChorusHome.root().resolve("deploy/observability/prometheus/alerts.yml")),
                        Duration.ofSeconds(5), output.apply("prometheus")));
                observability.add("Prometheus      " + prometheus.url() + "/alerts");
            } else {
                observability.add("Prometheus      not installed (apt-get install prometheus); metrics as above");
            }
        }
    }

    /**
     * Replaces a service's pod as a Kubernetes rolling update does with {@code maxSurge: 1, maxUnavailable: 0} (see
     * deploy/k8s): a new pod starts and joins the load balancer once ready; the old one leaves it (no new
     * connections), waits out its preStop hook, then gets SIGTERM and drains by Spring's graceful shutdown.
     *
     * @return how long the old pod took from SIGTERM to its exit
     */
    public synchronized Duration rollingRestart(String name, Duration preStop) {
        if (!balanced) {
            throw new IllegalStateException("A rolling restart needs the services behind load balancers: startBalanced");
        }
        Pod old = pods.get(name);
        Service service = old.service();
        Service next = new Service(name, service.module(), Ports.free(), service.arguments());
        // its own log (gateway-2, ...), since the old pod still writes to the first
        ChildProcess process = keep(next.start(output.apply(name + "-" + (old.generation() + 1))));
        Readiness.await(process, URI.create("http://127.0.0.1:" + next.port() + "/actuator/health/readiness"),
                READY_TIMEOUT);
        LoadBalancer balancer = balancers.get(name);
        balancer.add(next.port());
        balancer.remove(service.port());
        pods.put(name, new Pod(next, process, old.generation() + 1));
        try {
            Thread.sleep(preStop.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant terminated = Instant.now();
        old.process().stop(Duration.ofSeconds(60));
        return Duration.between(terminated, Instant.now());
    }

    /** The process id of a service's JVM (its current pod's, after a rolling restart), for a benchmark's CPU split. */
    public synchronized long pid(String name) {
        return pods.containsKey(name) ? pods.get(name).process().pid() : started.get(name).pid();
    }

    /**
     * One more instance of a service beside the devstack's, on a port of its own, with the same settings except those
     * given (each {@code --key=value} replaces the service's own for that key): a benchmark's twin with observability
     * off, say. It shares the databases, Kafka and Keycloak, and stops with the devstack.
     */
    public synchronized Instance startInstance(String name, String instanceName, List<String> settings) {
        Service service = definitions.get(name);
        int management = observe ? Ports.free() : 0;
        if (observe) {
            settings = concat(settings, List.of("--management.server.port=" + management));
        }
        Service another = new Service(name, service.module(), Ports.free(), service.arguments());
        ChildProcess process = keep(another.start(output.apply(instanceName), settings));
        Readiness.await(process, URI.create("http://127.0.0.1:" + (observe ? management : another.port())
                + "/actuator/health/readiness"), READY_TIMEOUT);
        return new Instance(another.port(), process);
    }

    /** A service instance started by {@link #startInstance}. */
    public record Instance(int port, ChildProcess process) {

        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The load balancer in front of a service (startBalanced only). */
    public LoadBalancer balancer(String name) {
        return balancers.get(name);
    }

    /** The JVM options the services run with (chorus.devstack.service-jvm), for a benchmark's extra instance. */
    public static List<String> serviceJvm() {
        return SERVICE_JVM;
    }

    /** The trace receiver every service exports to; null without --observe. */
    public OtlpReceiver traces() {
        return traces;
    }

    /** Prometheus scraping every service; null without --observe or without the binary. */
    public PrometheusServer prometheus() {
        return prometheus;
    }

    /** What --observe started and where (empty without it). */
    public List<String> observability() {
        return List.copyOf(observability);
    }

    /**
     * Real brokers, each its own JVM, data kept under {@code kafka/node-<n>}. A directory made for another number
     * of nodes holds another cluster's metadata, so changing the number needs {@code --fresh}.
     */
    private KafkaServer startKafka(Path directory, int nodes, Function<String, Consumer<String>> output) {
        Path marker = directory.resolve("nodes");
        try {
            if (Files.isRegularFile(marker) && Integer.parseInt(Files.readString(marker).trim()) != nodes) {
                throw new IllegalStateException("The Kafka data under " + directory + " is for "
                        + Files.readString(marker).trim() + " node(s); run with --fresh to start " + nodes);
            }
            Files.createDirectories(directory);
            Files.writeString(marker, String.valueOf(nodes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> brokers = java.util.stream.IntStream.range(0, nodes).mapToObj(i -> ports.kafka() + i).toList();
        List<Integer> controllers = java.util.stream.IntStream.range(0, nodes)
                .mapToObj(i -> ports.kafkaController() + i).toList();
        return KafkaCluster.start(brokers, controllers, directory,
                id -> output.apply(nodes == 1 ? "kafka" : "kafka-" + id));
    }

    private static List<String> database(PostgresServer postgres, String name) {
        postgres.createDatabase(name);
        return List.of(
                "--spring.r2dbc.url=" + postgres.r2dbcUrl(name),
                "--spring.r2dbc.username=" + postgres.username(),
                "--spring.r2dbc.password=" + postgres.password(),
                "--spring.flyway.url=" + postgres.jdbcUrl(name),
                "--spring.flyway.user=" + postgres.username(),
                "--spring.flyway.password=" + postgres.password());
    }

    public DevstackPorts ports() {
        return ports;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    /** Stops everything, services first, in reverse order of start. */
    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + running.get(i) + ": " + e);
            }
        }
        running.clear();
    }

    private synchronized <T extends AutoCloseable> T keep(T part) {
        running.add(part);
        return part;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Pod(Service service, ChildProcess process, int generation) {
    }

    /** One service: its executable jar, run as its own JVM. */
    private record Service(String name, String module, int port, List<String> arguments) {

        ChildProcess start(Consumer<String> output) {
            return start(output, List.of());
        }

        /** With {@code overrides} after everything else; of two settings of one key the later is the one used. */
        ChildProcess start(Consumer<String> output, List<String> overrides) {
            Path jar = executableJar();
            List<String> command = new ArrayList<>(SERVICE_JVM);
            // a benchmark's profile: -Dchorus.devstack.jfr=<directory> records each JVM with JFR's profiling
            // settings into <directory>/<name>-<port>.jfr, written when it stops
            String jfr = System.getProperty("chorus.devstack.jfr", "").trim();
            if (!jfr.isEmpty()) {
                try {
                    Files.createDirectories(Path.of(jfr));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                command.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename="
                        + Path.of(jfr).toAbsolutePath().resolve(name + "-" + port + ".jfr"));
            }
            command.add("-jar");
            command.add(jar.toString());
            // a test that needs a setting of its own (a surge test: the gateway's rate limit off) names it in
            // chorus.devstack.args.<name>, e.g. -Dchorus.devstack.args.gateway=--chorus.rate-limit.enabled=false
            String extra = System.getProperty("chorus.devstack.args." + name, "").trim();
            Map<String, String> settings = new LinkedHashMap<>();
            // on a laptop nothing but this machine should reach the services, the gateway included
            for (String setting : concat(List.of("--server.port=" + port, "--server.address=127.0.0.1"), arguments,
                    extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")), overrides)) {
                // Spring Boot joins a key given twice ("a,b"), so only the last of each is passed
                settings.put(setting.split("=", 2)[0], setting);
            }
            command.addAll(settings.values());
            return ChildProcess.java(name, command, output);
        }

        private Path executableJar() {
            Path target = ChorusHome.root().resolve(module).resolve("target");
            try (Stream<Path> files = Files.list(target)) {
                return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
                        .findFirst()
                        .orElseThrow();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("No executable jar in " + target + "; build with ./mvnw package first");
            }
        }
    }

    private static final String USAGE = """
            Usage: ./devstack [--fresh] [--kafka-nodes 1|3] [--observe]
              Runs the whole Chorus platform on this machine until Ctrl-C. Data is kept under .devstack/.
              --fresh          start from empty databases, empty Kafka topics and a freshly imported Keycloak realm
              --kafka-nodes N  N Kafka nodes (default 1); 3 is a cluster as in production: replication factor 3,
                               min.insync.replicas 2, clients on ports 9092-9094 (a change of N needs --fresh)
              --observe        also receive traces (a page lists them) and, when Debian's prometheus is installed,
                               run Prometheus with the alert rules of deploy/observability; each service's
                               actuator moves to a management port of its own (its port + 1000)
              --help           this text
            """;

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        boolean fresh = arguments.contains("--fresh");
        boolean observe = arguments.contains("--observe");
        int kafkaNodes = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--kafka-nodes") && i + 1 < args.length && args[i + 1].matches("[1-9]")) {
                kafkaNodes = Integer.parseInt(args[++i]);
            } else if (!args[i].equals("--fresh") && !args[i].equals("--observe")) {
                System.err.print("Unknown argument " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
        }
        PrintStream out = System.out;
        Instant begin = Instant.now();
        out.println("Starting Chorus" + (fresh ? " from empty data" : "") + " ...");
        Devstack devstack = start(DevstackPorts.standard(), ChorusHome.root().resolve(".devstack"), fresh, kafkaNodes,
                observe, name -> line -> out.printf("%-13s | %s%n", name, line));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Chorus ...");
            devstack.close();
            out.println("Stopped.");
        }, "devstack-stop"));
        DevstackPorts ports = devstack.ports();
        out.printf("""

                Chorus is ready in %d s.
                  Public site     http://localhost:%d/
                  Staff portal    http://localhost:%d/admin  (dev users: moderator, editor, campaigns, admin; password = name)
                  Keycloak        http://localhost:%d/admin/master/console/  (master admin: admin / admin)
                  Mail received   http://localhost:%d/
                  PostgreSQL      127.0.0.1:%d (user postgres)   SMTP 127.0.0.1:%d
                  Kafka           %s
                %sCtrl-C stops everything.

                """, Duration.between(begin, Instant.now()).toSeconds(), ports.gateway(), ports.gateway(),
                ports.keycloak(), ports.mailViewer(), ports.postgres(), ports.smtp(), devstack.kafka().bootstrapServers(),
                devstack.observability().stream().map(line -> "  " + line + "\n").reduce("", String::concat));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
