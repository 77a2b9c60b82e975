/**
 * stories-service: people share stories anonymously, moderators publish them, the public reads them; this package
 * holds the application, its security rules and the topics it owns.
 */
package org.chorus.stories;
