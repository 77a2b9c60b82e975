package org.chorus.notifications.receipt;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** One plain-text mail from Chorus's sender: the author mail and the subscription mail go out this way. */
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

    /** Why a send failed, safe to log and store: the root cause's class only, since SMTP errors can quote the recipient. */
    public static String failureReason(Exception e) {
        return NestedExceptionUtils.getMostSpecificCause(e).getClass().getName();
    }
}
