/**
 * The directory itself: the HSDS model of a service, the public list and detail, and staff editing (create, replace,
 * close, reopen, verify), each change announced through the outbox.
 */
package org.chorus.resources.directory;
