package org.chorus.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.chorus.testsupport.SmtpServer;

/**
 * A page on loopback listing the mail the devstack's SMTP server received, newest first, each readable in full.
 * For local development only: it shows addresses, so it never binds anything but 127.0.0.1.
 */
final class MailViewer implements AutoCloseable {

    private final HttpServer server;
    private final SmtpServer smtp;

    private MailViewer(HttpServer server, SmtpServer smtp) {
        this.server = server;
        this.smtp = smtp;
    }

    static MailViewer start(int port, SmtpServer smtp) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            MailViewer viewer = new MailViewer(server, smtp);
            server.createContext("/", viewer::handle);
            server.start();
            return viewer;
        } catch (IOException e) {
            throw new UncheckedIOException("Mail viewer could not listen on " + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        List<MimeMessage> messages = smtp.received();
        String path = exchange.getRequestURI().getPath();
        String html;
        int status = 200;
        if (path.equals("/")) {
            html = list(messages);
        } else if (path.matches("/messages/\\d{1,9}") && index(path) < messages.size()) {
            html = show(messages.get(index(path)));
        } else {
            status = 404;
            html = page("Not found", "<p>No such message.</p>");
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring("/messages/".length()));
    }

    private static String list(List<MimeMessage> messages) {
        StringBuilder rows = new StringBuilder();
        for (int i = messages.size() - 1; i >= 0; i--) {
            MimeMessage message = messages.get(i);
            rows.append("<tr><td>").append(escape(safe(() -> String.valueOf(message.getSentDate()))))
                    .append("</td><td>").append(escape(safe(() -> Arrays.stream(message.getAllRecipients())
                            .map(Object::toString).collect(Collectors.joining(", ")))))
                    .append("</td><td><a href=\"/messages/").append(i).append("\">")
                    .append(escape(safe(message::getSubject))).append("</a></td></tr>");
        }
        return page("Chorus devstack mail (" + messages.size() + ")",
                "<table><tr><th>Sent</th><th>To</th><th>Subject</th></tr>" + rows + "</table>");
    }

    private static String show(MimeMessage message) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.writeTo(raw);
        } catch (IOException | MessagingException e) {
            return page("Unreadable message", "<p>" + escape(e.toString()) + "</p>");
        }
        return page(safe(message::getSubject), "<p><a href=\"/\">All mail</a></p><pre>"
                + escape(raw.toString(StandardCharsets.UTF_8)) + "</pre>");
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .8rem;"
                + "text-align:left}pre{white-space:pre-wrap}</style></head><body><h1>" + escape(title) + "</h1>"
                + content + "</body></html>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String safe(MailField field) {
        try {
            return field.read();
        } catch (MessagingException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @FunctionalInterface
    private interface MailField {
        String read() throws MessagingException;
    }
}
