/** Sign-up with double opt-in, the subscriber's preferences and one-click unsubscribe, the subscription mail and the purge of unconfirmed sign-ups. */
package org.chorus.notifications.subscription;
