package org.chorus.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Signs a message with DKIM (rsa-sha256, relaxed/relaxed) under the configured key, selector and domain, and sets its
 * envelope sender (the return path, where bounces go). Every mail passes here on its way out ({@link SignedMailSender}
 * wraps the service's one mail sender), so no feature can send an unsigned mail by forgetting to sign it.
 * <p>
 * The signed header set holds {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} whenever a mail has them:
 * RFC 8058 section 3 requires both to be covered by a valid DKIM signature before a mailbox provider may offer its
 * one-click button. The signature is computed when the message is written to the SMTP connection, over exactly the
 * bytes written.
 * <p>
 * RSA only: every receiver verifies rsa-sha256, while ed25519-sha256 (RFC 8463) is verified by few and is meant to be
 * added beside an RSA signature, not instead of it.
 */
@Component
public class DkimSigning {

    static final String PROFILE = "development";
    static final String PREFIX = "chorus.mail.dkim.";
    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);
    private static final int MIN_RSA_BITS = 2048;
    /** SHA-256 of every DKIM key published with the code (the development key in application-development.yml). */
    private static final Set<String> PUBLISHED = Set.of(
            "da7aff6fe08f5521c4da16a5b580ecf56d61c75e492b63ec96d32ac1658cc5e3");

    private final boolean enabled;
    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;
    private final MailProperties mail;

    DkimSigning(DkimProperties properties, MailProperties mail, Environment environment) {
        this.mail = mail;
        this.enabled = properties.enabled();
        if (!enabled) {
            log.warn("DKIM signing is off ({}enabled=false): mail leaves unsigned, the relay must sign it", PREFIX);
            this.domain = null;
            this.selector = null;
            this.key = null;
            return;
        }
        this.domain = required("domain", properties.domain()).toLowerCase(Locale.ROOT);
        this.selector = required("selector", properties.selector());
        if (!domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+") || !selector.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
            throw new IllegalStateException(PREFIX + "domain and " + PREFIX + "selector must be DNS names");
        }
        String fromDomain = mail.fromDomain();
        if (!fromDomain.equals(domain) && !fromDomain.endsWith("." + domain)) {
            // DMARC passes on DKIM only when d= is the From domain or a parent of it (relaxed alignment)
            throw new IllegalStateException(PREFIX + "domain must be the domain of chorus.mail.from or a parent of it, "
                    + "or receivers applying DMARC will not count the signature");
        }
        byte[] der = decode(required("private-key", properties.privateKey()));
        if (!environment.acceptsProfiles(Profiles.of(PROFILE)) && PUBLISHED.contains(sha256(der))) {
            // the setting's name only, never the key
            throw new IllegalStateException(PREFIX + "private-key is the published development key, accepted only with "
                    + "the '" + PROFILE + "' profile; generate one (README, \"SPF, DKIM and DMARC\")");
        }
        this.key = rsa(der);
    }

    /**
     * A copy of {@code message} that is signed as it is written, with {@code envelopeFrom} (if any) as its return
     * path. Its Message-ID and Date stay those of the original: a Message-ID set by a feature is how a bounce finds
     * its mail again.
     */
    MimeMessage sign(MimeMessage message, String envelopeFrom) throws MessagingException {
        if (!enabled && envelopeFrom == null) {
            return message;
        }
        String messageId = message.getMessageID();
        Date sent = message.getSentDate();
        // DkimMessage is an SMTPMessage that signs what it writes; an SMTPMessage carries its own envelope sender
        SMTPMessage signed = enabled ? new DkimMessage(message, signer()) : new SMTPMessage(message);
        if (messageId != null) {
            signed.setHeader("Message-ID", messageId);
        }
        signed.setSentDate(sent != null ? sent : new Date());
        if (envelopeFrom != null) {
            signed.setEnvelopeFrom(envelopeFrom);
        }
        return signed;
    }

    /** A signer per message: the library's signer keeps one {@code Signature} and digest, which are not thread-safe. */
    private DkimSigner signer() {
        DkimSigner signer = new DkimSigner(domain, selector, key);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        // relaxed: a relay that re-wraps trailing whitespace or blank lines does not break the signature
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        // the operator publishes the key; looking it up in DNS before every mail would only add a failure mode
        signer.setCheckDomainKey(false);
        signer.setLengthParam(false);
        signer.addHeaderToSign("List-Unsubscribe-Post");
        signer.addHeaderToSign("Content-Language");
        signer.addHeaderToSign("Auto-Submitted");
        return signer;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(PREFIX + name + " is not set: set it from the environment (README, "
                    + "\"SPF, DKIM and DMARC\"), run with the 'development' profile, or set " + PREFIX
                    + "enabled=false where the relay signs");
        }
        return value.strip();
    }

    private static byte[] decode(String base64) {
        String body = base64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PREFIX + "private-key is not base64");
        }
    }

    private static RSAPrivateKey rsa(byte[] der) {
        RSAPrivateKey key;
        try {
            key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(PREFIX + "private-key is not an RSA private key in PKCS #8 (openssl genpkey "
                    + "-algorithm RSA -pkeyopt rsa_keygen_bits:2048 writes one)");
        }
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalStateException(PREFIX + "private-key must have at least " + MIN_RSA_BITS + " bits");
        }
        return key;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
