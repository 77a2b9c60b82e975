package org.chorus.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Kubernetes Service does for a Deployment's pods, on loopback: one port, and each new TCP connection passed
 * to one of the ready endpoints in turn. An endpoint taken out (a pod no longer ready, or terminating) gets no new
 * connection, while the connections it already has carry on until one side closes them, as kube-proxy's do. A rolling
 * restart test puts the services behind one of these, so that the gateway keeps its pooled connections to a pod that
 * is stopping, which is what makes a real rolling restart hard.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String name;
    private final ServerSocket server;
    private final List<Integer> endpoints = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicLong> connections = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private LoadBalancer(String name, ServerSocket server) {
        this.name = name;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port}, with no endpoint yet: until one is added, connections are closed at once. */
    public static LoadBalancer start(String name, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            LoadBalancer balancer = new LoadBalancer(name, server);
            daemon(name + "-accept", balancer::accept);
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + port + " for " + name, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A ready endpoint on 127.0.0.1:{@code port} starts taking new connections. */
    public void add(int port) {
        connections.putIfAbsent(port, new AtomicLong());
        endpoints.add(port);
    }

    /** The endpoint takes no new connection; the ones it has stay open. */
    public void remove(int port) {
        endpoints.remove(Integer.valueOf(port));
    }

    public List<Integer> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Connections passed to each endpoint so far. */
    public Map<Integer, Long> connections() {
        Map<Integer, Long> counts = new TreeMap<>();
        connections.forEach((port, count) -> counts.put(port, count.get()));
        return counts;
    }

    /** Connections closed because no endpoint was ready or the chosen one did not accept. */
    public long refused() {
        return refused.get();
    }

    private void accept() {
        while (running) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (running) {
                    System.err.println(name + ": accept failed: " + e);
                }
                return;
            }
            daemon(name + "-connect", () -> connect(client));
        }
    }

    private void connect(Socket client) {
        List<Integer> ready = endpoints;
        if (ready.isEmpty()) {
            refused.incrementAndGet();
            closeQuietly(client);
            return;
        }
        int port = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
        Socket backend = new Socket();
        try {
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            refused.incrementAndGet();
            closeQuietly(client);
            closeQuietly(backend);
            return;
        }
        connections.get(port).incrementAndGet();
        open.add(client);
        open.add(backend);
        daemon(name + "-up", () -> pump(client, backend));
        pump(backend, client);
    }

    /**
     * Copies one direction until its end, then closes both sockets: when either peer closes (an idle keep-alive
     * connection closed by the server, a pod stopping), the other sees the connection close at once, as it would
     * without a proxy between them, rather than wait forever on a half-open one for an answer that cannot come.
     */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side is gone: so is the connection
        }
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        open.forEach(LoadBalancer::closeQuietly);
    }

    @Override
    public String toString() {
        return name + " :" + port() + " -> " + endpoints;
    }
}
