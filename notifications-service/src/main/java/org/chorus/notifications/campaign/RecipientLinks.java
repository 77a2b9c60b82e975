package org.chorus.notifications.campaign;

import java.util.Map;
import java.util.UUID;

/**
 * The links every campaign mail carries for its recipient. Subscriptions own them (they answer the links); campaign
 * delivery only puts them in the mail.
 */
public interface RecipientLinks {

    String preferencesUrl(UUID subscriberId);

    String oneClickUnsubscribeUrl(UUID subscriberId);

    /** {@code List-Unsubscribe} (https and mailto) and {@code List-Unsubscribe-Post} (RFC 8058). */
    Map<String, String> listUnsubscribeHeaders(UUID subscriberId);
}
