package org.chorus.notifications.subscription;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.SignedLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The per-recipient links every mail to a subscriber carries: the preference centre and the RFC 8058 one-click
 * unsubscribe. Campaign mail builds its headers and footer from here, so every bulk mail unsubscribes the same way.
 * Links are signed (nothing is stored per link) and carry the subscriber id only, never the address.
 */
@Component
public class MailLinks {

    static final String CONFIRM = "subscription-confirm";
    static final String PREFERENCES = "subscription-preferences";
    static final String UNSUBSCRIBE = "subscription-unsubscribe";

    static final String API = "/api/subscriptions";

    private final SignedLinks links;
    private final MailLinkProperties properties;
    private final SubscriptionProperties subscriptions;
    private final Clock clock;

    @Autowired
    MailLinks(SignedLinks links, MailLinkProperties properties, SubscriptionProperties subscriptions) {
        this(links, properties, subscriptions, Clock.systemUTC());
    }

    MailLinks(SignedLinks links, MailLinkProperties properties, SubscriptionProperties subscriptions, Clock clock) {
        this.links = links;
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** Opens the preference centre: language, topics, pause, unsubscribe, erase. */
    public String preferencesUrl(UUID subscriberId) {
        return url("/preferences", links.sign(subscriberId, PREFERENCES,
                clock.instant().plus(subscriptions.linkValidity())));
    }

    /** The URL a mail client POSTs {@code List-Unsubscribe=One-Click} to (RFC 8058). */
    public String oneClickUnsubscribeUrl(UUID subscriberId) {
        return url("/unsubscribe", unsubscribeToken(subscriberId));
    }

    /**
     * {@code List-Unsubscribe} (the one-click URL and a mailto) and {@code List-Unsubscribe-Post}, in that order,
     * ready to set on a message. Both are needed for a mailbox provider to show its unsubscribe button.
     */
    public Map<String, String> listUnsubscribeHeaders(UUID subscriberId) {
        String token = unsubscribeToken(subscriberId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + url("/unsubscribe", token) + ">, <mailto:"
                + properties.unsubscribeMailbox() + "?subject=unsubscribe%20" + token + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    /** A page of the public site, such as {@code /help.html}. */
    public String siteUrl(String path) {
        String base = properties.publicBaseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    String confirmUrl(UUID subscriberId) {
        return url("/confirm", links.sign(subscriberId, CONFIRM,
                clock.instant().plus(subscriptions.confirmationWindow())));
    }

    private String unsubscribeToken(UUID subscriberId) {
        return links.sign(subscriberId, UNSUBSCRIBE, clock.instant().plus(subscriptions.linkValidity()));
    }

    private String url(String path, String token) {
        String base = properties.publicBaseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        // tokens are base64url and a dot: nothing in them needs escaping in a query
        return base + API + path + "?token=" + token;
    }
}
