package org.chorus.notifications.subscription;

/**
 * An address shown back to whoever holds a preference link, masked ({@code a***@e***.org}): enough for its owner to
 * recognise it, too little for someone who found a forwarded mail to learn it.
 */
final class MaskedEmail {

    private MaskedEmail() {
    }

    static String of(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int lastDot = domain.lastIndexOf('.');
        String tld = lastDot > 0 ? domain.substring(lastDot) : "";
        return email.charAt(0) + "***@" + domain.charAt(0) + "***" + tld;
    }
}
