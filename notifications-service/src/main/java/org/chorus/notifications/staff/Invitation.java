package org.chorus.notifications.staff;

import java.util.List;

/** What an admin types to invite someone: boxed and nullable so a missing field is a 400 that names it. */
record Invitation(String username, String email, String firstName, String lastName, List<String> roles) {
}
