/** Addresses at rest and in links: sealing and opening email addresses, blind indexes, masked addresses for staff and signed links. */
package org.chorus.notifications.privacy;
