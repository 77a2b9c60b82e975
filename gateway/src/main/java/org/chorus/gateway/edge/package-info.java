/**
 * What the edge does to every request and answer: the client's address and scheme (forwarded headers believed from
 * trusted proxies only), body limits, personal answers never stored, one access line per
 * request without address or query, and the gateway's own errors as problem+json.
 */
package org.chorus.gateway.edge;
