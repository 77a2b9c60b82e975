/**
 * Events between Chorus services: the transactional outbox and its relay, idempotent consumers, listeners that park
 * what they cannot read on a dead-letter topic, and the sealed box that keeps personal data out of outbox rows and
 * Kafka records in clear.
 */
package org.chorus.messaging;
