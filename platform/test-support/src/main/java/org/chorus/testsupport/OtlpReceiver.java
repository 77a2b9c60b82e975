package org.chorus.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A trace backend for tests: an OTLP/HTTP receiver ({@code POST /v1/traces}, protobuf, as the OpenTelemetry
 * exporters send by default) that decodes each {@code ExportTraceServiceRequest} from the wire and keeps the spans.
 * It reads the fields a test asserts on (trace, span and parent ids, name, kind, the resource's
 * {@code service.name}, string attributes) and skips the rest by wire type, as any protobuf reader does.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span. Ids are lowercase hex; {@code parentSpanId} is empty for a root. */
    public record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
                       Map<String, String> attributes) {
    }

    private static final int MAX_SPANS = 20_000;

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> bodiesSeen = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        return start(0);
    }

    /** On a given loopback port (0: any free one). */
    public static OtlpReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::receive);
            server.createContext("/", receiver::view);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where an exporter sends traces ({@code management.opentelemetry.tracing.export.otlp.endpoint}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /**
     * Has the Spring application under test sample every request and export its spans here, each batch within
     * 200 ms, for a {@code @DynamicPropertySource} method.
     */
    public void traceEverythingHere(DynamicPropertyRegistry registry) {
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", this::tracesEndpoint);
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace. */
    public List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Every request body received, as ISO-8859-1 text, for tests that look for what must never be exported. */
    public List<String> rawBodies() {
        return List.copyOf(bodiesSeen);
    }

    /** The newest traces (up to 50) as indented text, each span under its parent: the devstack's trace view. */
    private void view(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder text = new StringBuilder("Traces received (newest first; OTLP at " + tracesEndpoint()
                    + ")\n\n");
            List<String> traceIds = new ArrayList<>(new java.util.LinkedHashSet<>(
                    spans.stream().map(Span::traceId).toList()));
            java.util.Collections.reverse(traceIds);
            for (String traceId : traceIds.subList(0, Math.min(50, traceIds.size()))) {
                List<Span> trace = trace(traceId);
                text.append("trace ").append(traceId).append('\n');
                java.util.Set<String> ids = new java.util.HashSet<>(trace.stream().map(Span::spanId).toList());
                trace.stream().filter(span -> !ids.contains(span.parentSpanId()))
                        .forEach(root -> describe(root, trace, 1, text));
                text.append('\n');
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void describe(Span span, List<Span> trace, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(span.service()).append(": ").append(span.name()).append('\n');
        trace.stream().filter(child -> child.parentSpanId().equals(span.spanId()))
                .forEach(child -> describe(child, trace, depth + 1, text));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            byte[] request = body.readAllBytes();
            bodiesSeen.add(new String(request, StandardCharsets.ISO_8859_1));
            for (Field resourceSpans : fields(request)) {
                if (resourceSpans.number == 1) {
                    readResourceSpans(resourceSpans.bytes);
                }
            }
            // a devstack left running keeps the newest spans only
            while (spans.size() > MAX_SPANS) {
                spans.remove(0);
            }
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void readResourceSpans(byte[] message) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.number == 1) {
                service = attributes(field.bytes, 1).getOrDefault("service.name", "");
            } else if (field.number == 2) {
                scopes.add(field.bytes);
            }
        }
        for (byte[] scope : scopes) {
            for (Field field : fields(scope)) {
                if (field.number == 2) {
                    spans.add(span(service, field.bytes));
                }
            }
        }
    }

    private static Span span(String service, byte[] message) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new HashMap<>();
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes);
                case 4 -> parent = HexFormat.of().formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.varint;
                case 9 -> attributes.putAll(keyValue(field.bytes));
                default -> {
                }
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, Map.copyOf(attributes));
    }

    /** The string attributes ({@code KeyValue}s at {@code number}) of a message. */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> attributes = new HashMap<>();
        for (Field field : fields(message)) {
            if (field.number == number) {
                attributes.putAll(keyValue(field.bytes));
            }
        }
        return attributes;
    }

    private static Map<String, String> keyValue(byte[] message) {
        String key = null;
        String value = null;
        for (Field field : fields(message)) {
            if (field.number == 1) {
                key = new String(field.bytes, StandardCharsets.UTF_8);
            } else if (field.number == 2) {
                for (Field any : fields(field.bytes)) {
                    if (any.number == 1) {
                        value = new String(any.bytes, StandardCharsets.UTF_8);
                    } else if (any.number == 3 || any.number == 2) {
                        value = Long.toString(any.varint);
                    }
                }
            }
        }
        return key == null || value == null ? Map.of() : Map.of(key, value);
    }

    /** One field of a protobuf message: its number and either its varint value or its bytes. */
    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        while (in.available() > 0) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(in), null));
                case 1 -> fields.add(new Field(number, 0, bytes(in, 8)));
                case 2 -> fields.add(new Field(number, 0, bytes(in, (int) varint(in))));
                case 5 -> fields.add(new Field(number, 0, bytes(in, 4)));
                default -> throw new IllegalStateException("Not an OTLP protobuf message (wire type " + (tag & 7) + ")");
            }
        }
        return fields;
    }

    private static byte[] bytes(ByteArrayInputStream in, int length) {
        if (length < 0 || length > in.available()) {
            throw new IllegalStateException("Truncated protobuf field");
        }
        byte[] bytes = new byte[length];
        in.read(bytes, 0, length);
        return bytes;
    }

    private static long varint(InputStream in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (b < 0) {
                throw new IllegalStateException("Truncated protobuf varint");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("Malformed protobuf varint");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
