/**
 * Surge mode at the edge: when the services behind this gateway are saturated, public reads are shed first (503 with
 * {@code Retry-After} and the hotlines; the site shows a banner) so that survivors' writes and staff work keep going.
 */
package org.chorus.gateway.surge;
