package org.chorus.web;

/** Exceptions whose messages carry what a log must never hold, as real ones do. */
final class Secrets {

    static final String STORY = "story text: I never told anyone until now";
    static final String EMAIL = "survivor@example.org";
    static final String DETAIL = "DETAIL: Key (email)=(survivor@example.org) already exists.";

    private Secrets() {
    }

    /** A service's failure wrapping a database error, both with request content in their messages. */
    static IllegalStateException failure() {
        return new IllegalStateException("could not store " + STORY + " for " + EMAIL,
                new RuntimeException("ERROR: duplicate key value violates unique constraint \"subscriber_email\" " + DETAIL));
    }
}
