package org.chorus.web;

/** A request that is well-formed but breaks a rule; answered 400 with the field named. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
