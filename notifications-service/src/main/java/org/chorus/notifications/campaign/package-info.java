/** Campaigns to subscribers: composing and scheduling them, the delivery ledger that sends each mail exactly once under the global send-rate cap, and pause, resume and cancel. */
package org.chorus.notifications.campaign;
