/**
 * What every Chorus service's HTTP surface shares: RFC 9457 problem responses for bodies and query parameters
 * alike, the log policy for the unexpected (ErrorLog), resource-server security with Keycloak realm roles, and the
 * few observations that are recorded (RequestObservations) with the metrics endpoint on the management port only.
 */
package org.chorus.web;
