/**
 * Out-adapter for Redis (jedis): cache-aside around the recap store with compressed entries, the
 * cross-instance loading lock, a circuit breaker for outages, and pipelined pre-warming.
 */
package com.forecap.adapter.out.redis;
