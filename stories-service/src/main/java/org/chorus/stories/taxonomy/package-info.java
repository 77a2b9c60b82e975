/**
 * The fixed lists stories are described by (content warnings, themes, naming and its rules, report reasons), with
 * their labels, served at one endpoint.
 */
package org.chorus.stories.taxonomy;
