/**
 * The directory as an Open Referral HSDS 3.0 API, beside Chorus's own: the root, services, organizations,
 * service_at_locations (by postcode and proximity), taxonomies and taxonomy terms, in the HSDS page envelope or as
 * NDJSON. Chorus's additions (24/7, open now, last verified, temporary closure, call for location) are HSDS
 * attributes of its own taxonomy; a confidential location's address and coordinates never appear on any path.
 */
package org.chorus.resources.hsds;
