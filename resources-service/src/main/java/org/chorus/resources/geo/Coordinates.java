package org.chorus.resources.geo;

/** A point on the WGS 84 globe, in decimal degrees. */
public record Coordinates(double latitude, double longitude) {
}
