package org.chorus.notifications.campaign;

/** Enough of an address for staff to recognise a typo or a dead domain, not enough to read it: a***@g***.com. */
final class AddressMask {

    private AddressMask() {
    }

    static String mask(String email) {
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
        return email.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                + "***@" + domain.codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "***" + tld;
    }
}
