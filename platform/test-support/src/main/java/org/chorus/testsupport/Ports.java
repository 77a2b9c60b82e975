package org.chorus.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports: finding a free one, and waiting until something listens on one. */
public final class Ports {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Never the same port twice in one JVM, so two servers started in a row cannot be given one port. */
    private static final Set<Integer> CHOSEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port nothing listens on, chosen below Linux's ephemeral range (32768 and up). A port the kernel hands out
     * (ServerSocket(0)) can be handed out again to the next random bind, such as the embedded Kafka broker's, in
     * the seconds before a slow server like Keycloak binds it; ports below that range are only ever taken on purpose.
     */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20000 + RANDOM.nextInt(12000);
            if (CHOSEN.add(candidate) && bindable(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
