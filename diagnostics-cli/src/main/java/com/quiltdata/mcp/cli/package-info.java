/** Operator diagnostics command line. */
package com.quiltdata.mcp.cli;
