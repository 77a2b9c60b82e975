package org.chorus.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The service's mail sender, with every message DKIM-signed and given its return path on the way out
 * ({@link DkimSigning}). It takes the place of the application's {@link JavaMailSenderImpl} (Boot's, or one a test
 * configures), with the same session and server ({@link MailSenderSigning}), so author, subscription, campaign, test
 * and digest mail are all signed by this one method, and Boot's mail health check still finds its sender. A failure
 * names the caller's own message objects, as before, so a caller can still tell which of a batch failed.
 */
final class SignedMailSender extends JavaMailSenderImpl {

    private final DkimSigning signing;
    private final MailProperties properties;

    SignedMailSender(JavaMailSenderImpl configured, DkimSigning signing, MailProperties properties) {
        this.signing = signing;
        this.properties = properties;
        setSession(configured.getSession());
        setProtocol(configured.getProtocol());
        setHost(configured.getHost());
        setPort(configured.getPort());
        setUsername(configured.getUsername());
        setPassword(configured.getPassword());
        setDefaultEncoding(configured.getDefaultEncoding());
        setDefaultFileTypeMap(configured.getDefaultFileTypeMap());
    }

    @Override
    protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
        MimeMessage[] signed = new MimeMessage[mimeMessages.length];
        for (int i = 0; i < mimeMessages.length; i++) {
            try {
                signed[i] = signing.sign(mimeMessages[i], envelopeFrom(mimeMessages[i]));
            } catch (MessagingException e) {
                throw new MailPreparationException("A mail could not be signed", e);
            }
        }
        super.doSend(signed, originalMessages != null ? originalMessages : mimeMessages);
    }

    /**
     * The return path: none of ours (JavaMail then uses the From address) unless {@code chorus.mail.return-path} is
     * set; with VERP on, a mail that carries a {@link MailReference} in its Message-ID gets it in its return path too.
     */
    private String envelopeFrom(MimeMessage message) throws MessagingException {
        String returnPath = properties.returnPath();
        if (returnPath == null || returnPath.isBlank()) {
            return null;
        }
        if (properties.verp()) {
            return MailReference.inMessageId(message.getMessageID())
                    .map(reference -> reference.verp(returnPath.strip()))
                    .orElse(returnPath.strip());
        }
        return returnPath.strip();
    }
}
