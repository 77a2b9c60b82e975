/** Mail to a story's author (receipt, published, rejected), queued from story events and contacts that arrive in either order, and erased with the story. */
package org.chorus.notifications.receipt;
