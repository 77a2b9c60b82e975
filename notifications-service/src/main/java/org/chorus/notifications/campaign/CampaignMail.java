package org.chorus.notifications.campaign;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One campaign mail as it goes on the wire: multipart/alternative (plain text first, then HTML), the RFC 8058
 * one-click unsubscribe headers and a footer with the recipient's own preference link. Nothing in it reports back:
 * no pixel, no redirecting link, no per-recipient id but the signed tokens of those two links and the Message-ID, which
 * only a bounce or an abuse report ever sends back.
 */
final class CampaignMail {

    private CampaignMail() {
    }

    static MimeMessage compose(MimeMessage message, String from, String to, CampaignTemplate.Rendered variant,
                               UUID subscriberId, RecipientLinks links, String subjectPrefix, String messageId)
            throws MessagingException {
        CampaignTemplate.Rendered mail = variant.personalise(links.preferencesUrl(subscriberId),
                links.oneClickUnsubscribeUrl(subscriberId));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subjectPrefix + mail.subject(), StandardCharsets.UTF_8.name());
        message.setHeader("Content-Language", mail.language());
        // bulk mail: auto-responders should stay quiet
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Precedence", "bulk");
        for (Map.Entry<String, String> header : links.listUnsubscribeHeaders(subscriberId).entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        if (messageId != null) {
            // after saveChanges, which makes up a Message-ID of its own; this one lets a bounce find its delivery
            message.setHeader("Message-ID", messageId);
        }
        return message;
    }
}
