package org.chorus.notifications.mail;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Verifies DKIM signatures with Apache James jDKIM, a verifier that shares no code with the signer, against the public
 * half of a configured private key. Its key lookup stands in for DNS: it answers only {@code selector._domainkey.domain}
 * with the TXT record an operator would publish, and counts the lookups.
 */
public final class DkimVerification {

    private final String selector;
    private final String domain;
    private final String record;
    final AtomicInteger lookups = new AtomicInteger();

    public DkimVerification(String selector, String domain, String privateKeyBase64) {
        this.selector = selector;
        this.domain = domain;
        this.record = "v=DKIM1; k=rsa; p=" + publicKeyOf(privateKeyBase64);
    }

    /** Lowercased names of the headers the signature covers (its h= tag). */
    public static List<String> signedHeaders(SignatureRecord signature) {
        return signature.getHeaders().stream().map(h -> h.toString().toLowerCase(Locale.ROOT)).toList();
    }

    /** The valid signatures on the raw message; throws when none verifies (jDKIM's PermFailException). */
    public List<SignatureRecord> verify(byte[] raw) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, s, d) -> {
            lookups.incrementAndGet();
            if (s.toString().equals(selector) && d.toString().toLowerCase(Locale.ROOT).equals(domain)) {
                return List.of(record);
            }
            throw new PermFailException("no key at " + s + "._domainkey." + d);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(raw));
        if (valid == null || valid.isEmpty()) {
            throw new PermFailException("no valid signature");
        }
        return valid;
    }

    public static byte[] raw(MimeMessage received) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        return out.toByteArray();
    }

    /** The base64 SubjectPublicKeyInfo for the p= tag, as {@code openssl pkey -pubout -outform DER | base64} gives. */
    public static String publicKeyOf(String privateKeyBase64) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(privateKeyBase64)));
            BigInteger modulus = key.getModulus();
            return Base64.getEncoder().encodeToString(
                    rsa.generatePublic(new RSAPublicKeySpec(modulus, key.getPublicExponent())).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
