package org.chorus.notifications.campaign;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.mail.MailProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A campaign as a subscriber would get it, sent to one staff address with "[TEST]" before the subject. Its links
 * are inert examples: a test mail must never be able to unsubscribe or open anyone's preferences.
 */
@Component
class TestSend {

    static final String PREVIEW_PREFERENCES = "https://example.invalid/preferences-link-goes-here";
    static final String PREVIEW_UNSUBSCRIBE = "https://example.invalid/unsubscribe-link-goes-here";
    private static final RecipientLinks INERT = new RecipientLinks() {
        @Override
        public String preferencesUrl(UUID subscriberId) {
            return PREVIEW_PREFERENCES;
        }

        @Override
        public String oneClickUnsubscribeUrl(UUID subscriberId) {
            return PREVIEW_UNSUBSCRIBE;
        }

        @Override
        public Map<String, String> listUnsubscribeHeaders(UUID subscriberId) {
            return Map.of("List-Unsubscribe", "<" + PREVIEW_UNSUBSCRIBE + ">",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    };

    private final JavaMailSender mailSender;
    private final String from;

    TestSend(JavaMailSender mailSender, MailProperties mailProperties) {
        this.mailSender = mailSender;
        this.from = mailProperties.from();
    }

    /** Emits the languages sent. */
    Mono<List<String>> send(CampaignContent content, String to, String onlyLanguage) {
        return Mono.fromCallable(() -> {
            List<String> sent = new ArrayList<>();
            for (Map.Entry<String, CampaignTemplate.Rendered> variant : content.validate().entrySet()) {
                if (onlyLanguage == null || onlyLanguage.equals(variant.getKey())) {
                    mailSender.send(compose(to, variant.getValue()));
                    sent.add(variant.getKey());
                }
            }
            return sent;
        }).subscribeOn(Schedulers.boundedElastic()) // JavaMail blocks on the socket
                .onErrorMap(org.springframework.mail.MailException.class, e -> new ResponseStatusException(
                        HttpStatus.BAD_GATEWAY, "The mail server did not take the test mail; try again later."));
    }

    private MimeMessage compose(String to, CampaignTemplate.Rendered variant) throws MessagingException {
        return CampaignMail.compose(mailSender.createMimeMessage(), from, to, variant, new UUID(0, 0), INERT, "[TEST] ",
                null);
    }
}
