package org.chorus.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis these tests use: the one at 127.0.0.1:6379 (on CI, .ci/run starts it when it is not running). Each test
 * run writes under its own key prefix. Without Redis they never pass: on CI ({@code CHORUS_REQUIRE_ALL=true}, set
 * by .ci/run) they fail; on a developer's machine with only a JDK they are reported as skipped, saying why.
 */
public final class LocalRedis {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private LocalRedis() {
    }

    public static String uniquePrefix() {
        return "chorus-test-" + UUID.randomUUID() + ":";
    }

    public static void requireRunning() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.read(answer);
            if (read < 5 || !new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                throw new AssertionError("Redis at " + HOST + ":" + PORT + " did not answer PING");
            }
        } catch (IOException e) {
            String reason = "These tests need Redis at " + HOST + ":" + PORT + " and none answers ("
                    + e.getClass().getSimpleName() + ")";
            if (!"true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
                Assumptions.abort(reason + "; skipped here, required on CI");
            }
            throw new AssertionError("These tests need Redis at " + HOST + ":" + PORT + " and none answers ("
                    + e.getClass().getSimpleName() + "). Start it: redis-server --daemonize yes --bind 127.0.0.1 "
                    + "--port 6379 --save '' --appendonly no", e);
        }
    }
}
