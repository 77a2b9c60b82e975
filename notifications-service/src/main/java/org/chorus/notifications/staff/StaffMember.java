package org.chorus.notifications.staff;

import java.util.Set;

/** A staff account as the portal shows it: who, whether they can sign in, and the staff roles given to them. */
public record StaffMember(String id, String username, String email, String firstName, String lastName,
        boolean enabled, Set<String> roles) {
}
