/** The moderator digest: follows the story topic and tells moderators, at most once per interval and with counts only, that stories are waiting. */
package org.chorus.notifications.digest;
