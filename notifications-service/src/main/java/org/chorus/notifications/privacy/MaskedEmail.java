package org.chorus.notifications.privacy;

/**
 * An address shown masked ({@code a***@e***.org}): enough for its owner, or for staff reading a delivery report, to
 * recognise it or spot a typo or a dead domain; too little for anyone else (a forwarded mail, a screen seen over a
 * shoulder) to learn it.
 */
public final class MaskedEmail {

    private MaskedEmail() {
    }

    /** {@code (erased)} for an address that is gone; {@code ***} for something that is not an address. */
    public static String of(String email) {
        if (email == null) {
            return "(erased)";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return firstCharacter(email) + "***@" + firstCharacter(domain) + "***" + tld;
    }

    // a whole code point, so a name starting with an emoji or a supplementary letter is not cut in half
    private static String firstCharacter(String text) {
        return text.substring(0, text.offsetByCodePoints(0, 1));
    }
}
