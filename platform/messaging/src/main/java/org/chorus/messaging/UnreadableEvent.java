package org.chorus.messaging;

/**
 * A record a listener cannot read (no {@code ce_id}, no or an unknown {@code ce_type}, a payload that is not the
 * event's JSON). Retrying cannot help, so the dead-lettering error handler parks it at once and the listener goes on.
 * The message names what is missing, never the payload, which may hold personal data.
 */
public class UnreadableEvent extends RuntimeException {

    public UnreadableEvent(String reason) {
        super(reason);
    }
}
