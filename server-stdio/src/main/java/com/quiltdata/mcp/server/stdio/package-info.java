/** Newline-delimited JSON-RPC over stdin/stdout for desktop clients. */
package com.quiltdata.mcp.server.stdio;
