package org.chorus.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every mail leaves DKIM-signed: the raw bytes the SMTP server (GreenMail) received verify with Apache James jDKIM
 * against the published key, with List-Unsubscribe and List-Unsubscribe-Post among the signed headers when the mail
 * has them (RFC 8058 section 3), and a message changed on the way fails. On the old code no mail had a DKIM-Signature.
 */
@NotificationsIntegrationTest
class DkimIT {

    private static final Duration MAIL = Duration.ofSeconds(30);
    private static final Pattern CONFIRM = Pattern.compile("https?://\\S+?(/api/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)");

    @Autowired
    private WebTestClient http;

    @Autowired
    private DatabaseClient db;

    @Autowired
    private EmailVault vault;

    @Value("${chorus.mail.dkim.selector}")
    private String selector;

    @Value("${chorus.mail.dkim.domain}")
    private String domain;

    @Value("${chorus.mail.dkim.private-key}")
    private String privateKey;

    private DkimVerification dkim;

    @BeforeEach
    void publishTheKey() {
        dkim = new DkimVerification(selector, domain, privateKey);
    }

    @Test
    void aConfirmationMailInSpanishVerifiesWithAnIndependentVerifierUnderTheConfiguredDomainAndSelector() throws Exception {
        String email = address();
        subscribe(email, "es");
        byte[] raw = DkimVerification.raw(awaitMails(email, 1).get(0));

        List<SignatureRecord> valid = dkim.verify(raw);

        assertThat(valid).hasSize(1);
        SignatureRecord signature = valid.get(0);
        assertThat(signature.getDToken().toString()).isEqualTo("chorus.invalid");
        assertThat(signature.getSelector().toString()).isEqualTo("dev-2026");
        assertThat(signature.getHashKeyType().toString()).isEqualTo("rsa");
        assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(DkimVerification.signedHeaders(signature)).contains("from", "to", "subject", "date", "message-id", "content-type");
        assertThat(dkim.lookups.get()).isEqualTo(1);
    }

    @Test
    void aMailWithTheOneClickHeadersHasBothInTheSignedSetAndVerifies() throws Exception {
        String email = address();
        subscribe(email, "en");
        MimeMessage confirmation = awaitMails(email, 1).get(0);
        http.post().uri(confirmLink(confirmation)).exchange().expectStatus().isOk();
        // signing up again when confirmed: the "already subscribed" notice, which carries the RFC 8058 headers
        outsideResendInterval(email);
        subscribe(email, "en");
        MimeMessage notice = awaitMails(email, 2).get(1);
        assertThat(notice.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        List<SignatureRecord> valid = dkim.verify(DkimVerification.raw(notice));

        assertThat(DkimVerification.signedHeaders(valid.get(0))).contains("list-unsubscribe", "list-unsubscribe-post");
    }

    @Test
    void aMessageChangedAfterSigningFailsVerification() throws Exception {
        String email = address();
        subscribe(email, "en");
        MimeMessage confirmation = awaitMails(email, 1).get(0);
        http.post().uri(confirmLink(confirmation)).exchange().expectStatus().isOk();
        outsideResendInterval(email);
        subscribe(email, "en");
        String raw = new String(DkimVerification.raw(awaitMails(email, 2).get(1)), StandardCharsets.ISO_8859_1);
        dkim.verify(raw.getBytes(StandardCharsets.ISO_8859_1));

        // the one-click URL pointed elsewhere, the subject changed, the body changed: each breaks the signature
        String otherUnsubscribe = raw.replaceFirst("(List-Unsubscribe: <https?://)[^/>]+", "$1attacker.example");
        String otherSubject = raw.replaceFirst("(?m)^Subject: .*$", "Subject: Please confirm your bank details");
        int bodyStart = raw.indexOf("\r\n\r\n") + 4;
        String otherBody = raw.substring(0, bodyStart) + "Click here: https://attacker.example/\r\n" + raw.substring(bodyStart);
        for (String tampered : List.of(otherUnsubscribe, otherSubject, otherBody)) {
            assertThat(tampered).isNotEqualTo(raw);
            assertThatThrownBy(() -> dkim.verify(tampered.getBytes(StandardCharsets.ISO_8859_1)))
                    .isInstanceOf(FailException.class);
        }
    }

    @Test
    void aSignatureUnderAnotherKeyDoesNotVerify() throws Exception {
        String email = address();
        subscribe(email, "en");
        byte[] raw = DkimVerification.raw(awaitMails(email, 1).get(0));
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());

        assertThatThrownBy(() -> new DkimVerification(selector, domain, otherKey).verify(raw))
                .isInstanceOf(FailException.class);
    }

    /** Moves the address's last mail back in time, as if the resend interval had passed. */
    private void outsideResendInterval(String email) {
        db.sql("""
                        update subscriber_mail set queued_at = queued_at - interval '1 hour'
                        where subscriber_id = (select id from subscriber where email_blind_index = :index)""")
                .bind("index", vault.blindIndex(email)).then().block();
    }

    private void subscribe(String email, String language) {
        http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "language", language, "topics", List.of("anniversary")))
                .exchange().expectStatus().isAccepted();
    }

    private static String confirmLink(MimeMessage mail) throws Exception {
        Matcher matcher = CONFIRM.matcher(String.valueOf(mail.getContent()));
        assertThat(matcher.find()).as("a confirmation link").isTrue();
        return matcher.group(1);
    }

    private static String address() {
        return "dkim-" + UUID.randomUUID() + "@example.org";
    }

    private static List<MimeMessage> awaitMails(String email, int count) {
        await().atMost(MAIL).until(() -> Infrastructure.smtp().receivedBy(email).size() >= count);
        return Infrastructure.smtp().receivedBy(email);
    }
}
