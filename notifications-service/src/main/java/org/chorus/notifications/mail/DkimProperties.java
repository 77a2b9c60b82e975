package org.chorus.notifications.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DKIM signature on every mail this service sends (RFC 6376), so receivers can tell our mail from a forgery and
 * DMARC can pass. The public half of the key is published by the operator at {@code <selector>._domainkey.<domain>}
 * (README, "SPF, DKIM and DMARC").
 *
 * @param enabled    false only where the relay signs for us (a mail provider's SMTP service); then nothing is signed
 *                   here and the service says so once at start
 * @param domain     the signing domain ({@code d=}): the From address's domain or a parent of it, or DMARC fails
 * @param selector   the {@code s=} tag: which published key verifies the signature; a new selector per rotation
 * @param privateKey base64 of an RSA private key of at least 2048 bits in PKCS #8 (the body of a PEM "PRIVATE KEY",
 *                   armour and line breaks allowed); no default, the development key is refused outside development
 */
@ConfigurationProperties("chorus.mail.dkim")
public record DkimProperties(
        @DefaultValue("true") boolean enabled,
        String domain,
        String selector,
        String privateKey) {
}
