package org.chorus.notifications.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A small SMTP server for tests that need what GreenMail cannot do: answer a recipient with a chosen reply
 * (451 try later, 550 no such user) and take 100,000 mails without keeping them. It speaks real SMTP over a socket
 * (EHLO, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT), so JavaMail cannot tell it from a mail server.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    /** (recipient, how many times it was offered before) → SMTP reply line for RCPT TO. */
    private final BiFunction<String, Integer, String> rcptReply;
    private final boolean keepMessages;
    private final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    private final Map<String, List<String>> messages = new ConcurrentHashMap<>();
    private final List<Long> acceptedAtNanos = new ArrayList<>();
    private volatile boolean open = true;

    private SmtpSink(BiFunction<String, Integer, String> rcptReply, boolean keepMessages) throws IOException {
        this.rcptReply = rcptReply;
        this.keepMessages = keepMessages;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SmtpSink start(BiFunction<String, Integer, String> rcptReply, boolean keepMessages) {
        try {
            return new SmtpSink(rcptReply, keepMessages);
        } catch (IOException e) {
            throw new IllegalStateException("SMTP sink did not start", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages accepted for a recipient (raw, headers and body), when the sink keeps them. */
    public List<String> receivedBy(String recipient) {
        return messages.getOrDefault(recipient.toLowerCase(), List.of());
    }

    public int offeredTimes(String recipient) {
        AtomicInteger count = offered.get(recipient.toLowerCase());
        return count == null ? 0 : count.get();
    }

    /** When each accepted mail was accepted (System.nanoTime), in order. */
    public synchronized List<Long> acceptedAt() {
        return List.copyOf(acceptedAtNanos);
    }

    public synchronized void forget() {
        acceptedAtNanos.clear();
        messages.clear();
        offered.clear();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> converse(socket));
            } catch (IOException e) {
                if (open) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void converse(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink.chorus.invalid ESMTP test sink");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink.chorus.invalid\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> reply(out, "250 sink.chorus.invalid");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        String recipient = address(line);
                        int before = offered.computeIfAbsent(recipient, k -> new AtomicInteger()).getAndIncrement();
                        String answer = rcptReply.apply(recipient, before);
                        if (answer.startsWith("250")) {
                            recipients.add(recipient);
                        }
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        if (recipients.isEmpty()) {
                            reply(out, "503 5.5.1 no valid recipients");
                            break;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String message = readData(in);
                        accepted(recipients, message);
                        recipients.clear();
                        reply(out, "250 2.0.0 OK queued");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (IOException e) {
            // the client hung up; nothing to clean
        }
    }

    private synchronized void accepted(List<String> recipients, String message) {
        long now = System.nanoTime();
        for (String recipient : recipients) {
            acceptedAtNanos.add(now);
            if (keepMessages) {
                messages.computeIfAbsent(recipient, k -> new ArrayList<>()).add(message);
            }
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return (open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip())
                .toLowerCase();
    }

    private static String readData(InputStream in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                break;
            }
            message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
