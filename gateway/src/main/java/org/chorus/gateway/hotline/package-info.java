/**
 * The national hotlines, answered by the gateway itself when resources-service is down, failing or slow: help is
 * never down.
 */
package org.chorus.gateway.hotline;
