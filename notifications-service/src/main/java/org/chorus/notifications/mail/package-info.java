/** How this service sends mail: the sender and message building, SMTP failure classification, the one retry policy and the one loop that sends every queued mail. */
package org.chorus.notifications.mail;
