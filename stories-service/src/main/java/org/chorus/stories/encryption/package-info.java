/**
 * Envelope encryption of what an author wrote: a data key per story, wrapped by a master key, sealing with AES-GCM; it
 * knows nothing of stories.
 */
package org.chorus.stories.encryption;
