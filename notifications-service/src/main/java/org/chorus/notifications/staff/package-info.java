/** Staff accounts in Keycloak: invitations, roles and the directory other features ask for moderators. */
package org.chorus.notifications.staff;
