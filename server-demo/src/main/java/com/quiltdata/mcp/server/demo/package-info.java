/**
 * The one-command local demo: {@code java -jar quilt-mcp-demo.jar --demo} starts an embedded
 * S3-compatible server (S3Proxy on the local filesystem), a local credential issuer speaking the
 * Quilt registry's {@code get_credentials} contract, and the production HTTP server started through
 * {@link com.quiltdata.mcp.server.http.QuiltMcpHttpServer} with an environment map built here. Only
 * {@link com.quiltdata.mcp.server.demo.Main} is public; nothing else depends on this package.
 */
package com.quiltdata.mcp.server.demo;
