package org.chorus.notifications.subscription;

/**
 * Which text a person agreed to. Each constant names one version of the words shown on a form in one language; when
 * the public site's subscribe or preference wording changes, add a new version here so older consents keep pointing
 * at the words their people actually read.
 */
final class ConsentWording {

    static final String ONE_CLICK = "one-click-unsubscribe-rfc8058";
    /** Not a wording the person read: their mailbox provider reported our mail as spam for them (ARF, RFC 5965). */
    static final String COMPLAINT = "abuse-report-rfc5965";

    private ConsentWording() {
    }

    static String subscribe(String language) {
        return "es".equals(language) ? "subscribe-2026-11-es" : "subscribe-2026-11-en";
    }

    static String preferences(String language) {
        return "es".equals(language) ? "preferences-2026-11-es" : "preferences-2026-11-en";
    }
}
