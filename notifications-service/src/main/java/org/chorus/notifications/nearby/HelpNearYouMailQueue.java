package org.chorus.notifications.nearby;

import java.util.List;
import java.util.UUID;
import org.chorus.notifications.mail.MailQueue;
import org.chorus.notifications.nearby.HelpNearYou.Listed;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.subscription.MailLinks;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queued "new help near you" mail, sent by the shared {@link MailQueue}. The address is opened only at send time from
 * the subscriber row, and a subscriber who unsubscribed or paused since the mail was queued is not written to. Like
 * every mail to a subscriber it unsubscribes in one click (RFC 8058 headers).
 */
@Component
class HelpNearYouMailQueue implements MailQueue.Source {

    private static final TypeReference<List<Listed>> LISTED = new TypeReference<>() { };

    private final DatabaseClient db;
    private final EmailVault vault;
    private final MailLinks links;
    private final JsonMapper json;

    HelpNearYouMailQueue(DatabaseClient db, EmailVault vault, MailLinks links, JsonMapper json) {
        this.db = db;
        this.vault = vault;
        this.links = links;
        this.json = json;
    }

    @Override
    public String table() {
        return "help_near_you_mail";
    }

    @Override
    public char referenceKind() {
        return 'h';
    }

    @Override
    public Flux<MailQueue.Due> lockDue(int limit) {
        // a mail whose subscriber left the topic in the meantime is marked given up rather than sent
        return db.sql("""
                        update help_near_you_mail m set failed_at = now(), last_error = 'no longer subscribed'
                        from subscriber s
                        where s.id = m.subscriber_id and m.sent_at is null and m.failed_at is null
                          and (s.status <> 'confirmed' or not ('help-near-me' = any(s.topics)))""")
                .then()
                .thenMany(db.sql("""
                                select m.id, m.attempts, m.subscriber_id, m.services, s.email_key_id,
                                       s.email_ciphertext, s.language, s.help_zip
                                from help_near_you_mail m join subscriber s on s.id = m.subscriber_id
                                where %s
                                %s""".formatted(DUE, SOONEST_FIRST))
                        .bind("limit", limit)
                        .map(row -> {
                            Queued queued = new Queued(row.get("subscriber_id", UUID.class),
                                    row.get("email_key_id", String.class),
                                    row.get("email_ciphertext", byte[].class), row.get("language", String.class),
                                    row.get("help_zip", String.class), row.get("services", String.class));
                            return new MailQueue.Due(row.get("id", UUID.class), row.get("attempts", Integer.class),
                                    () -> letter(queued));
                        })
                        .all());
    }

    private MailQueue.Letter letter(Queued queued) {
        HelpNearYouMail mail = HelpNearYouMail.of(queued.language(), queued.zip(),
                json.readValue(queued.services(), LISTED), links.siteUrl("/help.html"),
                links.preferencesUrl(queued.subscriberId()), links.oneClickUnsubscribeUrl(queued.subscriberId()));
        return new MailQueue.Letter(vault.open(queued.keyId(), queued.ciphertext()), mail.subject(), mail.body(),
                links.listUnsubscribeHeaders(queued.subscriberId()));
    }

    private record Queued(UUID subscriberId, String keyId, byte[] ciphertext, String language, String zip,
                          String services) {
    }
}
