package org.chorus.notifications.receipt;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.messaging.SealedBox;
import org.chorus.messaging.UnreadableEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Opens the addresses stories-service sealed to this service; the address is then kept sealed by the EmailVault. */
@Component
class SealedContacts {

    static final String DEVELOPMENT_PROFILE = "development";
    /** The development private key is published with the code: anything sealed to it is readable by anyone. */
    private static final String PUBLISHED_KEY = "MC4CAQAwBQYDK2VuBCIEIDO5C34Z70AhAQtk83mSSfm19si+Pn01Op9l8xWTL23S";

    private final Map<String, PrivateKey> keys;

    SealedContacts(StoryContactKeys properties, Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(DEVELOPMENT_PROFILE))) {
            properties.privateKeys().forEach((id, value) -> {
                if (PUBLISHED_KEY.equals(value.strip())) {
                    throw new IllegalStateException("chorus.notifications.story-contacts.private-keys." + id + " is the "
                            + "published development key, accepted only with the '" + DEVELOPMENT_PROFILE + "' profile");
                }
            });
        }
        this.keys = properties.privateKeys().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> SealedBox.privateKey(entry.getValue())));
    }

    /** The address; an event that does not open is parked on the dead-letter topic (retrying reads the same bytes). */
    String email(StoryContactSealed contact) {
        PrivateKey key = keys.get(contact.keyId());
        if (key == null) {
            throw new UnreadableEvent("no story-contacts private key " + contact.keyId() + " is configured");
        }
        try {
            return SealedBox.open(key, Base64.getDecoder().decode(contact.sealedEmail()),
                    StoryContactSealed.context(contact.storyId()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the class only: nothing of the address or the sealed bytes reaches a log
            throw new UnreadableEvent("the sealed contact of story " + contact.storyId() + " does not open with key "
                    + contact.keyId() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
