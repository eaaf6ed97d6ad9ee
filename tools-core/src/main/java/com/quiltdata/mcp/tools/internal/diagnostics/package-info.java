/**
 * The diagnostics tools ({@code jwt_diagnostics}, {@code validate_jwt_token}, {@code
 * session_diagnostics}) behind {@link com.quiltdata.mcp.tools.DiagnosticsTools}.
 */
package com.quiltdata.mcp.tools.internal.diagnostics;
