/**
 * Sessions of the legacy MCP protocol revisions shared by every replica through Redis (ElastiCache,
 * MemoryDB, Valkey): {@link com.quiltdata.mcp.session.redis.RedisSessionStore} keeps exactly the
 * rules of auth-core's in-memory store, with each rule applied atomically inside Redis. Depends on
 * auth-core only (and the Lettuce client).
 */
package com.quiltdata.mcp.session.redis;
