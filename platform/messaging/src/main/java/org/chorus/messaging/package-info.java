/** Events between Chorus services: the transactional outbox and its relay, idempotent consumers, and listeners that park what they cannot read on a dead-letter topic. */
package org.chorus.messaging;
