package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The stall {@link KeepAliveReads} prevents, on Reactor Netty's own server (Spring's WebFlux runs on it): clients that
 * do what a load balancer's pooled connections do, one request at a time on each kept-alive connection, the next one
 * sent as soon as an answer is in, alternating an answer that comes from another thread a moment later (as a proxied
 * one does) and one given at once (as a rate limit's 429 or a cached answer is). Under this load on two cores,
 * Reactor Netty's default left 142 connections in 20 s with a request that was never read; no request may wait for
 * its answer here. Seconds of load, not a timed assertion: a stalled connection never answers at all.
 */
class KeepAliveReadsTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private static final int CONNECTIONS = 64;
    private static final Duration LOAD = Duration.ofSeconds(8);

    private static DisposableServer server;

    @BeforeAll
    static void startAServerAsTheApplicationsDo() {
        // as every Chorus application does when its environment is prepared, before its web server starts
        new KeepAliveReads().postProcessEnvironment(new StandardEnvironment(), null);
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.header("Content-Length", "2").sendString(
                        request.uri().startsWith("/later") ? Mono.delay(Duration.ofMillis(1)).thenReturn("ok")
                                : Mono.just("ok")).then())
                .bindNow();
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
    }

    @Test
    void keptAliveConnectionsUnderLoadAreReadToTheirLastRequest() throws Exception {
        AtomicLong answered = new AtomicLong();
        AtomicLong neverRead = new AtomicLong();
        long end = System.nanoTime() + LOAD.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                            // far longer than any answer takes here: a stalled connection never answers
                            socket.setSoTimeout(5_000);
                            for (int round = 0; round < 50 && System.nanoTime() < end; round++) {
                                for (String path : List.of("/later", "/at-once")) {
                                    exchange(socket, path);
                                    answered.incrementAndGet();
                                }
                            }
                        } catch (SocketTimeoutException e) {
                            neverRead.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(answered.get()).as("requests answered (the load ran)").isGreaterThan(10_000);
        assertThat(neverRead.get()).as("connections whose next request was never read").isZero();
    }

    @Test
    void anOperatorsOwnSettingWins() {
        String before = System.getProperty(KeepAliveReads.PROPERTY);
        try {
            System.setProperty(KeepAliveReads.PROPERTY, "false");
            new KeepAliveReads().postProcessEnvironment(new StandardEnvironment(), null);
            assertThat(System.getProperty(KeepAliveReads.PROPERTY)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(KeepAliveReads.PROPERTY);
            } else {
                System.setProperty(KeepAliveReads.PROPERTY, before);
            }
        }
    }

    /** One request and its whole answer: the head, then as many body bytes as it says. */
    private static void exchange(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: chorus.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection closed after " + head.size() + " bytes");
            }
            head.write(next);
        }
        Matcher length = CONTENT_LENGTH.matcher(head.toString(StandardCharsets.US_ASCII));
        assertThat(length.find()).as("a Content-Length").isTrue();
        in.readNBytes(Integer.parseInt(length.group(1)));
    }
}
