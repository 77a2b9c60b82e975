package org.chorus.notifications.staff;

import java.util.List;

/** The complete set of staff roles someone should hold afterwards (not a diff: the portal shows checkboxes). */
record RoleChange(List<String> roles) {
}
