package org.chorus.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** A real SMTP server (GreenMail) that keeps what it receives so tests and people can read it. */
public final class SmtpServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;

    private SmtpServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    public static SmtpServer start(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new SmtpServer(greenMail, port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "smtp:" + port;
    }
}
