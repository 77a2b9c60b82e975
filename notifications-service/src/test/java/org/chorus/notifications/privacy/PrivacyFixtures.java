package org.chorus.notifications.privacy;

import java.util.Map;

/** Throwaway keys for unit tests (never the configured dev keys, so a test cannot pass by accident on them). */
public final class PrivacyFixtures {

    private PrivacyFixtures() {
    }

    static final String BLIND_INDEX_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    static final String LINK_KEY = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";
    static final String OTHER_KEY = "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=";

    public static PrivacyProperties properties() {
        return new PrivacyProperties(Map.of("old", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "new", "HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4="), "new", BLIND_INDEX_KEY, null, LINK_KEY, null);
    }

    /** The same keys after the blind-index key and the link key were rotated to new ones. */
    static PrivacyProperties rotated() {
        PrivacyProperties p = properties();
        return new PrivacyProperties(p.emailKeys(), p.activeEmailKeyId(), OTHER_KEY, BLIND_INDEX_KEY, OTHER_KEY,
                LINK_KEY);
    }
}
