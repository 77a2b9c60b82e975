package org.chorus.stories.encryption;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.messaging.SealedBox;
import org.springframework.stereotype.Component;

/**
 * Seals an author's contact address to notifications-service, the only service that mails it, before it is stored
 * anywhere: stories-service holds no key that opens it again, so its outbox row, write-ahead log, backups and the Kafka
 * record carry bytes that only notifications' private key opens.
 */
@Component
public class ContactSealing {

    private final String keyId;
    private final PublicKey notifications;

    ContactSealing(ContactSealingProperties properties) {
        this.keyId = properties.keyId();
        this.notifications = SealedBox.publicKey(properties.publicKey());
    }

    public StoryContactSealed sealed(UUID eventId, Instant at, UUID storyId, String email, String language) {
        byte[] sealed = SealedBox.seal(notifications, email, StoryContactSealed.context(storyId));
        return new StoryContactSealed(eventId, at, storyId, keyId, Base64.getEncoder().encodeToString(sealed), language);
    }
}
