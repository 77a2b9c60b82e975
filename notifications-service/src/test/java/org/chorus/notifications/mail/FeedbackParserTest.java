package org.chorus.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reading bounce and complaint reports, standard and hostile: what counts (and as what), and that anything malformed,
 * huge, missing its fields or not a report is no report at all, never an exception.
 */
class FeedbackParserTest {

    private final UUID campaign = UUID.randomUUID();
    private final UUID subscriber = UUID.randomUUID();
    private final MailReference reference = MailReference.of('c', campaign, subscriber);
    private final String messageId = reference.messageId("chorus.invalid");

    @Test
    void aPermanentFailureIsAHardBounceNamingItsRecipientAndOurMail() {
        Feedback feedback = parse(Reports.dsn("Someone@Example.org", "failed", "5.1.1", messageId)).orElseThrow();

        assertThat(feedback.type()).isEqualTo(Feedback.Type.HARD_BOUNCE);
        assertThat(feedback.references()).containsExactly(reference);
        assertThat(feedback.recipients()).containsExactly("someone@example.org");
        assertThat(feedback.names("someone@EXAMPLE.org")).isTrue();
        assertThat(feedback.names("other@example.org")).isFalse();
        assertThat(feedback.detail()).isEqualTo("5.1.1");
    }

    @Test
    void aFullMailboxOrATemporaryFailureGivenUpOnIsASoftBounce() {
        assertThat(parse(Reports.dsn("a@example.org", "failed", "5.2.2", messageId)).orElseThrow().type())
                .isEqualTo(Feedback.Type.SOFT_BOUNCE);
        assertThat(parse(Reports.dsn("a@example.org", "failed", "4.4.7", messageId)).orElseThrow().type())
                .isEqualTo(Feedback.Type.SOFT_BOUNCE);
        assertThat(parse(Reports.dsn("a@example.org", "failed", "not-a-status", messageId)).orElseThrow().type())
                .isEqualTo(Feedback.Type.SOFT_BOUNCE);
    }

    @Test
    void delayedDeliveredAndRelayedAreNoBounce() {
        for (String action : new String[] {"delayed", "delivered", "relayed", "expanded", ""}) {
            assertThat(parse(Reports.dsn("a@example.org", action, "4.4.1", messageId))).as(action).isEmpty();
        }
    }

    @Test
    void aReportThatNamesNoMailOfOursIsNoReport() {
        assertThat(parse(Reports.dsn("a@example.org", "failed", "5.1.1", null))).isEmpty();
        assertThat(parse(Reports.dsn("a@example.org", "failed", "5.1.1", "<1234.5678@elsewhere.example>"))).isEmpty();
        // one hex digit short is not a reference
        assertThat(parse(Reports.dsn("a@example.org", "failed", "5.1.1",
                "<chorus.s." + "0".repeat(31) + "@chorus.invalid>"))).isEmpty();
    }

    @Test
    void aVerpReturnPathFindsTheMailWhenTheReportQuotesNothingOfIt() {
        MailReference queued = MailReference.of('s', UUID.randomUUID());
        String raw = Reports.report("delivery-status", "message/delivery-status", """
                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; a@example.org
                Action: failed
                Status: 5.1.1
                """, null, "a@example.org", queued.verp("bounces@chorus.invalid"));

        assertThat(parse(raw).orElseThrow().references()).containsExactly(queued);
    }

    @Test
    void anAbuseReportIsAComplaintAndNotSpamIsNone() {
        Feedback complaint = parse(Reports.arf("abuse", "Someone@example.org", messageId)).orElseThrow();
        assertThat(complaint.type()).isEqualTo(Feedback.Type.COMPLAINT);
        assertThat(complaint.recipients()).containsExactly("someone@example.org");
        assertThat(complaint.detail()).isEqualTo("abuse");

        // providers often redact the recipient: a complaint may name nobody
        assertThat(parse(Reports.arf("abuse", null, messageId)).orElseThrow().recipients()).isEmpty();
        assertThat(parse(Reports.arf("not-spam", "a@example.org", messageId))).isEmpty();
        assertThat(parse(Reports.arf("auth-failure", "a@example.org", messageId))).isEmpty();
    }

    @Test
    void aUtf8RecipientInEitherFormIsReadAsTheSameAddress() {
        Feedback escaped = parse(Reports.globalDsn("jos\\x{E9}@ex\\x{E4}mple.org", "5.1.1", messageId)).orElseThrow();
        Feedback raw = parse(Reports.globalDsn("JOSÉ@exämple.org", "5.1.1", messageId)).orElseThrow();

        assertThat(escaped.recipients()).containsExactly("josé@exämple.org");
        assertThat(raw.recipients()).containsExactly("josé@exämple.org");
        assertThat(escaped.names("José@Exämple.org")).isTrue();
    }

    @Test
    void malformedAndMissingPiecesAreNoReportAndNeverAnException() {
        String good = Reports.dsn("a@example.org", "failed", "5.1.1", messageId);
        String[] hostile = {
            "",
            "\u0000\u0001\u0002 not mail at all",
            "Subject: out of office\r\n\r\nI am away until Monday.",
            // a report whose declared boundary is nowhere in it, and one cut off half way
            good.replaceFirst("; boundary=\"[^\"]+\"", "; boundary=\"elsewhere\""),
            good.substring(0, good.length() / 2),
            // a report type but no status part
            good.replace("message/delivery-status", "text/plain"),
            // a status block made of nothing but colons, and one of a single enormous line
            Reports.report("delivery-status", "message/delivery-status", ":::\n:\n\n:", messageId, "a@example.org", "b@c"),
            Reports.report("delivery-status", "message/delivery-status", "Action: " + "x".repeat(500_000),
                    messageId, "a@example.org", "b@c"),
        };
        for (String raw : hostile) {
            assertThat(parse(raw)).as("%.60s", raw).isEmpty();
        }
    }

    @Test
    void aFailedRecipientWithoutAnAddressStillBouncesButNamesNobody() {
        Feedback feedback = parse(Reports.dsn("", "failed", "5.1.1", messageId)).orElseThrow();

        assertThat(feedback.recipients()).isEmpty();
        assertThat(feedback.names("a@example.org")).isFalse();
    }

    @Test
    void thousandsOfRecipientBlocksOrReferencesAreReadOnlyUpToTheirBounds() {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.net\n\n");
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            status.append("Final-Recipient: rfc822; r").append(i).append("@example.org\nAction: failed\nStatus: 5.1.1\n\n");
            ids.append(MailReference.of('s', UUID.randomUUID()).messageId("chorus.invalid")).append(' ');
        }
        Feedback feedback = parse(Reports.report("delivery-status", "message/delivery-status", status.toString(),
                ids.toString(), "a@example.org", "bounces@chorus.invalid")).orElseThrow();

        assertThat(feedback.recipients().size()).isLessThan(50);
        assertThat(feedback.references().size()).isLessThanOrEqualTo(8);
    }

    @Test
    void addressFieldsThatAreNoAddressAreDropped() {
        assertThat(FeedbackParser.address("rfc822; <a@example.org>")).contains("a@example.org");
        assertThat(FeedbackParser.address("rfc822;a@example.org")).contains("a@example.org");
        assertThat(FeedbackParser.address("rfc822; not an address")).isEmpty();
        assertThat(FeedbackParser.address("rfc822; @example.org")).isEmpty();
        assertThat(FeedbackParser.address("rfc822; a@")).isEmpty();
        assertThat(FeedbackParser.address("rfc822; a\u0000b@example.org")).isEmpty();
        assertThat(FeedbackParser.address("rfc822; " + "a".repeat(400) + "@example.org")).isEmpty();
        assertThat(FeedbackParser.address("utf-8; \\x{110000}@example.org")).isEmpty();
    }

    private static Optional<Feedback> parse(String raw) {
        return FeedbackParser.parse(Reports.message(raw));
    }
}
