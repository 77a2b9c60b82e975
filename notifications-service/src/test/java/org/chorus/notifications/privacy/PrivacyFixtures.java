package org.chorus.notifications.privacy;

import java.util.Map;

/** Throwaway keys for unit tests (never the configured dev keys, so a test cannot pass by accident on them). */
public final class PrivacyFixtures {

    private PrivacyFixtures() {
    }

    public static PrivacyProperties properties() {
        return new PrivacyProperties(Map.of("old", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "new", "HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4="), "new",
                "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=", "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=");
    }
}
