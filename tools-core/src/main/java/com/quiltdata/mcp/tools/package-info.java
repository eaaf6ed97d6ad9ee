/** Transport-neutral MCP protocol engine and the Quilt tools. */
package com.quiltdata.mcp.tools;
