/**
 * The diagnostics tools ({@code auth_status}, {@code jwt_diagnostics}, {@code validate_jwt_token},
 * {@code session_diagnostics}) behind {@link com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools}.
 */
package com.quiltdata.mcp.tools.diagnostics.internal;
