package org.chorus.notifications.staff;

/**
 * The new account and whether Keycloak sent the set-password mail. The account exists either way; when the mail
 * failed (Keycloak's SMTP down), the admin can send it again with {@code POST /api/admin/staff/{id}/invitation}.
 */
record Invited(StaffMember member, boolean invitationSent) {
}
