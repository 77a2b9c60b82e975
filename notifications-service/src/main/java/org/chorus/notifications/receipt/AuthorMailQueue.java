package org.chorus.notifications.receipt;

import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.mail.MailQueue;
import org.chorus.notifications.privacy.EmailVault;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Queued mail to authors, sent by the shared {@link MailQueue}. The queue names no recipient: the author's sealed
 * contact is opened only at send time, so a contact erased before then (which deletes its unsent mail) is never
 * written to.
 */
@Component
class AuthorMailQueue implements MailQueue.Source {

    private final DatabaseClient db;
    private final EmailVault vault;

    AuthorMailQueue(DatabaseClient db, EmailVault vault) {
        this.db = db;
        this.vault = vault;
    }

    @Override
    public String table() {
        return "outgoing_mail";
    }

    @Override
    public Flux<MailQueue.Due> lockDue(int limit) {
        return db.sql("""
                        select m.id, m.attempts, m.kind, m.language, c.email_key_id, c.email_ciphertext
                        from outgoing_mail m join author_contact c on c.story_id = m.story_id
                        where %s
                        %s""".formatted(DUE, SOONEST_FIRST))
                .bind("limit", limit)
                .map(row -> {
                    String kind = row.get("kind", String.class);
                    String language = row.get("language", String.class);
                    String keyId = row.get("email_key_id", String.class);
                    byte[] ciphertext = row.get("email_ciphertext", byte[].class);
                    return new MailQueue.Due(row.get("id", UUID.class), row.get("attempts", Integer.class), () -> {
                        AuthorMail content = AuthorMail.of(kind, language);
                        return new MailQueue.Letter(vault.open(keyId, ciphertext), content.subject(), content.body(),
                                Map.of());
                    });
                })
                .all();
    }
}
