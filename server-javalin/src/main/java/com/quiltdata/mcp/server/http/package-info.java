/** Streamable HTTP adapter (Javalin). */
package com.quiltdata.mcp.server.http;
