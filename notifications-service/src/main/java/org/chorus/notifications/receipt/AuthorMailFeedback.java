package org.chorus.notifications.receipt;

import java.util.UUID;
import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.privacy.EmailVault;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Bounces and complaints about mail to a story's author. A hard bounce or a complaint ends mail to that author: the
 * mail is marked bounced, mail not yet sent for the story is failed, and the contact is forgotten (an address that
 * does not take our mail, or whose owner calls it spam, is nothing worth keeping). A soft bounce is only remembered.
 * Authors have no blind index by design, so this reaches the one story whose mail bounced, not others by the same
 * address.
 */
@Component
class AuthorMailFeedback implements FeedbackTarget {

    private final DatabaseClient db;
    private final EmailVault vault;

    AuthorMailFeedback(DatabaseClient db, EmailVault vault) {
        this.db = db;
        this.vault = vault;
    }

    @Override
    public char referenceKind() {
        return 'a';
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        return db.sql("""
                        select m.story_id, c.email_key_id, c.email_ciphertext
                        from outgoing_mail m join author_contact c on c.story_id = m.story_id
                        where m.id = :id and m.sent_at is not null
                        for update of c""")
                .bind("id", reference.first())
                .map(row -> new Contact(row.get("story_id", UUID.class), open(row.get("email_key_id", String.class),
                        row.get("email_ciphertext", byte[].class))))
                .one()
                .filter(contact -> feedback.names(contact.address())
                        || !feedback.isBounce() && feedback.recipients().isEmpty())
                .flatMap(contact -> (feedback.type() == Feedback.Type.SOFT_BOUNCE ? Mono.<Void>empty()
                        : stopMailing(reference, contact.storyId(), feedback)).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<Void> stopMailing(MailReference reference, UUID storyId, Feedback feedback) {
        String why = feedback.type() == Feedback.Type.COMPLAINT
                ? "not sent: an earlier mail to this author was reported as spam"
                : "not sent: an earlier mail to this author bounced";
        return db.sql("update outgoing_mail set bounced_at = coalesce(bounced_at, now()), last_error = :why where id = :id")
                .bind("why", feedback.type() == Feedback.Type.COMPLAINT ? "reported as spam: " + feedback.detail()
                        : "bounced after delivery: " + feedback.detail())
                .bind("id", reference.first())
                .then()
                .then(db.sql("""
                                update outgoing_mail set failed_at = now(), last_error = :why
                                where story_id = :story and sent_at is null and failed_at is null""")
                        .bind("why", why)
                        .bind("story", storyId)
                        .then())
                .then(db.sql("delete from author_contact where story_id = :story").bind("story", storyId).then());
    }

    private String open(String keyId, byte[] ciphertext) {
        try {
            return vault.open(keyId, ciphertext);
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private record Contact(UUID storyId, String address) {
    }
}
