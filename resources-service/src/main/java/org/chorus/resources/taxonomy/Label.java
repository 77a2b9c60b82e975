package org.chorus.resources.taxonomy;

/** A taxonomy entry's name for people, in the two languages the site speaks. */
public record Label(String en, String es) {
}
