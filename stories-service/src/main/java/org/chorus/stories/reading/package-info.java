/**
 * The readers' side: the published stories by list, search, theme and id, the count of voices, and reporting a story.
 */
package org.chorus.stories.reading;
