/**
 * The fixed list of service types with their English and Spanish labels, served at one public, cacheable endpoint.
 */
package org.chorus.resources.taxonomy;
