/**
 * The real national crisis lines, served from code so they answer even when the database is down.
 */
package org.chorus.resources.hotline;
