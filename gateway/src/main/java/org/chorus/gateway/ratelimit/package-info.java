/**
 * Requests per client address and window, counted under a keyed hash of the address (in memory, or in Redis when
 * several gateways share the work) and refused with a 429 problem.
 */
package org.chorus.gateway.ratelimit;
