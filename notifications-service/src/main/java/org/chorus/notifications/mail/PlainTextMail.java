package org.chorus.notifications.mail;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** One plain-text mail from Chorus's sender (UTF-8, extra headers as given): the queued author and subscription mail and the moderator digest go out this way. */
@Component
public class PlainTextMail {

    private final JavaMailSender mailSender;
    private final MailProperties properties;

    PlainTextMail(JavaMailSender mailSender, MailProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /** Sends on a worker thread, because JavaMail blocks on the socket; {@code headers} are added as they are. */
    public Mono<Void> send(String recipient, String subject, String body, Map<String, String> headers) {
        return Mono.fromRunnable(() -> mailSender.send((MimeMessage message) -> {
                    MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                    helper.setFrom(properties.from());
                    helper.setTo(recipient);
                    helper.setSubject(subject);
                    helper.setText(body);
                    for (Map.Entry<String, String> header : headers.entrySet()) {
                        message.setHeader(header.getKey(), header.getValue());
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
