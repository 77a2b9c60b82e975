package org.chorus.stories.reading;

/** "N voices": how many stories have been shared and not withdrawn. */
record Voices(long count) {
}
