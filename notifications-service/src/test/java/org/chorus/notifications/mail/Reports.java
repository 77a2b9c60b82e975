package org.chorus.notifications.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Bounce and complaint reports as receiving mail systems write them: a delivery status notification (RFC 3464, and
 * its UTF-8 form, RFC 6533) and an abuse report (ARF, RFC 5965), each quoting the original's headers.
 */
public final class Reports {

    private Reports() {
    }

    /** A DSN for one recipient: {@code action} failed/delayed/…, {@code status} such as 5.1.1. */
    public static String dsn(String finalRecipient, String action, String status, String originalMessageId) {
        return report("delivery-status", "message/delivery-status", """
                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Sun, 6 Dec 2026 01:00:00 +0000

                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown
                """.formatted(finalRecipient, action, status, finalRecipient), originalMessageId, finalRecipient,
                "bounces@chorus.invalid");
    }

    /** An RFC 6533 DSN: the recipient in utf-8 address form, the status block of type global-delivery-status. */
    public static String globalDsn(String utf8Recipient, String status, String originalMessageId) {
        return report("delivery-status", "message/global-delivery-status; charset=utf-8", """
                Reporting-MTA: dns; mx.example.net

                Final-Recipient: utf-8; %s
                Action: failed
                Status: %s
                """.formatted(utf8Recipient, status), originalMessageId, "someone@example.net", "bounces@chorus.invalid");
    }

    /** An ARF report of {@code feedbackType} (abuse, not-spam…), with or without the Original-Rcpt-To field. */
    public static String arf(String feedbackType, String originalRcptTo, String originalMessageId) {
        return report("feedback-report", "message/feedback-report", """
                Feedback-Type: %s
                User-Agent: SomeGenerator/1.0
                Version: 1
                %s""".formatted(feedbackType, originalRcptTo == null ? "" : "Original-Rcpt-To: " + originalRcptTo + "\n"),
                originalMessageId, originalRcptTo == null ? "redacted@example.net" : originalRcptTo,
                "fbl@chorus.invalid");
    }

    /** A multipart/report: a human-readable part, the status part, then the original's headers. */
    public static String report(String reportType, String statusContentType, String status, String originalMessageId,
                                String originalTo, String reportTo) {
        String boundary = "b0und4ry-" + Math.abs(status.hashCode());
        return ("From: Mail Delivery System <mailer-daemon@mx.example.net>\r\n"
                + "To: " + reportTo + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <report-" + Math.abs((status + originalMessageId).hashCode()) + "@mx.example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=" + reportType + "; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system. Your message could not be delivered.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + statusContentType + "\r\n\r\n"
                + status.replace("\n", "\r\n") + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + "From: Chorus <no-reply@chorus.invalid>\r\n"
                + "To: " + originalTo + "\r\n"
                + "Subject: Our anniversary\r\n"
                + (originalMessageId == null ? "" : "Message-ID: " + originalMessageId + "\r\n")
                + "\r\n"
                + "--" + boundary + "--\r\n");
    }

    public static MimeMessage message(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
