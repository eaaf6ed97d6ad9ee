/**
 * The Redis connection and the Lua scripts behind the Redis session store; no other module uses
 * them.
 */
package com.quiltdata.mcp.session.redis.internal;
