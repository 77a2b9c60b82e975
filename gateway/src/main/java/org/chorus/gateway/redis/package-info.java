/**
 * Redis for several gateways behind one load balancer (chorus.redis.*): its settings, which the Redis rate counter
 * reads too, and staff sessions with their tokens.
 */
package org.chorus.gateway.redis;
