/**
 * The story as stored and the author's side of it: sharing, then reading, editing, changing consents and withdrawing
 * with the manage token.
 */
package org.chorus.stories.story;
