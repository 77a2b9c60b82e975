package org.chorus.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpFailureTest {

    @Test
    void rejectedRecipientIsPermanentAndTheReasonKeepsNoAddress() throws Exception {
        SMTPAddressFailedException rejected = new SMTPAddressFailedException(new InternetAddress("ana@example.org"),
                "RCPT TO:<ana@example.org>", 550, "550 5.1.1 <ana@example.org>: User unknown");
        SendFailedException send = new SendFailedException("Invalid Addresses", rejected);

        SmtpFailure failure = SmtpFailure.of(new MailSendException("failed", send));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.reason()).startsWith("SMTP 550").contains("[address]").doesNotContain("ana@");
    }

    @Test
    void busyMailboxIsTemporary() throws Exception {
        SMTPAddressFailedException busy = new SMTPAddressFailedException(new InternetAddress("ana@example.org"),
                "RCPT TO:<ana@example.org>", 451, "451 4.2.1 try later");

        assertThat(SmtpFailure.of(new SendFailedException("x", busy)).permanent()).isFalse();
    }

    @Test
    void refusalAfterDataIsClassifiedByItsCode() {
        SMTPSendFailedException refused = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected",
                null, null, null, null);

        assertThat(SmtpFailure.of(refused).permanent()).isTrue();
    }

    @Test
    void noReplyAtAllIsTemporary() {
        SmtpFailure failure = SmtpFailure.of(new MessagingException("connect", new ConnectException("refused")));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.reason()).isEqualTo("no SMTP reply: ConnectException");
    }

    @Test
    void longRepliesAreCut() throws Exception {
        SMTPAddressFailedException chatty = new SMTPAddressFailedException(new InternetAddress("a@b.org"), "RCPT", 452,
                "452 " + "x".repeat(1000));

        assertThat(SmtpFailure.of(chatty).reason()).hasSizeLessThanOrEqualTo(200);
    }
}
