/**
 * Envelope encryption of what an author wrote: a data key per story, wrapped by a master key, sealing with AES-GCM; and
 * the author's contact address sealed to notifications-service's public key, which nothing here can open again.
 */
package org.chorus.stories.encryption;
