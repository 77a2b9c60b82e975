/**
 * The edge's micro-cache: public anonymous GET answers that the service marked cacheable, kept for a few seconds per
 * gateway so a surge of readers asking for the same story list costs the services one request per second, not
 * thousands. Nothing personal is ever kept (see {@link org.chorus.gateway.cache.MicroCache}).
 */
package org.chorus.gateway.cache;
