/**
 * {@code quilt-mcp-diag}, the operator diagnostics command line: decode, verify, fingerprint, mint
 * and exchange tokens, and check a server environment ({@code doctor}), never printing a secret.
 * {@link com.quiltdata.mcp.cli.Main} is the entry point, {@link com.quiltdata.mcp.cli.ExitCode} the
 * documented exit statuses; the commands live in {@code .internal}.
 */
package com.quiltdata.mcp.cli;
