/**
 * How this service sends mail, and hears back about it: the sender and message building, DKIM signing of every mail
 * and its return path, SMTP failure classification, the one retry policy, the one loop that sends every queued mail,
 * and the reader of the bounce mailbox (delivery status notifications and abuse reports, handed to the feature whose
 * mail they name).
 */
package org.chorus.notifications.mail;
