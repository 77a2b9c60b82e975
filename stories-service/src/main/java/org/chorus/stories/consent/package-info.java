/** The consent ledger: what an author agreed to per purpose, append-only, and the consents in force. */
package org.chorus.stories.consent;
