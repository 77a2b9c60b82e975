/** Subscribers, campaigns, mail to authors and moderators, and staff accounts for Chorus: the application, its security and the dead-letter topics of its consumers. */
package org.chorus.notifications;
