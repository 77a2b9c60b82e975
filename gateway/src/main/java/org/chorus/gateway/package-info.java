/**
 * The only public entry to Chorus: the application, security at the edge (staff sign-in sessions, bearer tokens,
 * CSRF, strict headers) and the staff portal's page; the routes themselves are in application.yml.
 */
package org.chorus.gateway;
