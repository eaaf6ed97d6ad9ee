/**
 * The diagnostics tool family: the caller's authentication state, token validation and session
 * facts, never a secret. Start with {@link com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools}.
 */
package com.quiltdata.mcp.tools.diagnostics;
