/**
 * The staff side: the moderation queue, decisions with redaction and PII hints, featuring, reports resolution, the
 * audit log and the retention of rejected stories.
 */
package org.chorus.stories.moderation;
