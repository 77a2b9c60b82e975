package org.chorus.notifications.campaign;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.chorus.testsupport.Infrastructure;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Subscribers written straight into the table (subscribing is another feature's API), campaigns through the real
 * service, and what the real SMTP server received.
 */
final class CampaignFixtures {

    static final Duration DELIVERY = Duration.ofSeconds(60);

    private final DatabaseClient db;
    private final EmailVault vault;

    CampaignFixtures(DatabaseClient db, EmailVault vault) {
        this.db = db;
        this.vault = vault;
    }

    /**
     * Every test starts with no audience and no campaign still going, whatever ran before it. This context's story
     * consumer is stopped: it shares its consumer group with the other test contexts of the JVM and would take
     * their story events into this database.
     */
    void reset(KafkaListenerEndpointRegistry listeners) {
        MessageListenerContainer stories = listeners.getListenerContainer("notifications-story-events");
        if (stories != null && stories.isRunning()) {
            stories.stop();
        }
        db.sql("delete from campaign").then().block();
        db.sql("delete from subscriber").then().block();
    }

    UUID subscriber(String email, String language) {
        return subscriber(email, language, "confirmed", new String[] {"anniversary"});
    }

    UUID subscriber(String email, String language, String status, String[] topics) {
        UUID id = UUID.randomUUID();
        SealedEmail sealed = vault.seal(email);
        db.sql("""
                        insert into subscriber (id, email_key_id, email_ciphertext, email_blind_index, language, topics,
                                                status, confirmed_at)
                        values (:id, :keyId, :ciphertext, :index, :language, :topics, :status, now())""")
                .bind("id", id)
                .bind("keyId", sealed.keyId())
                .bind("ciphertext", sealed.ciphertext())
                .bind("index", sealed.blindIndex())
                .bind("language", language)
                .bind("topics", topics)
                .bind("status", status)
                .then().block();
        return id;
    }

    List<String> subscribers(String prefix, int count, String language) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            subscriber(email, language);
            emails.add(email);
        }
        return emails;
    }

    static CampaignContent content(String subject) {
        return new CampaignContent("anniversary", List.of("en", "es"),
                Map.of("en", new CampaignContent.Variant(subject, "Ten years on, **we are still here**.", null)));
    }

    static CampaignContent bilingual(String subject, String spanishSubject) {
        return new CampaignContent("anniversary", List.of("en", "es"), Map.of(
                "en", new CampaignContent.Variant(subject, "Ten years on.", "mentions of assault"),
                "es", new CampaignContent.Variant(spanishSubject, "Diez años después.", "menciones de agresión")));
    }

    long count(String sql, UUID campaignId) {
        return db.sql(sql).bind("id", campaignId).map(row -> row.get(0, Long.class)).one().block();
    }

    long inState(UUID campaignId, String state) {
        return db.sql("select count(*) from campaign_delivery where campaign_id = :id and state = :state")
                .bind("id", campaignId).bind("state", state).map(row -> row.get(0, Long.class)).one().block();
    }

    String status(UUID campaignId) {
        return db.sql("select status from campaign where id = :id").bind("id", campaignId)
                .map(row -> row.get(0, String.class)).one().block();
    }

    static List<MimeMessage> mailsTo(String email) {
        return Infrastructure.smtp().receivedBy(email);
    }
}
