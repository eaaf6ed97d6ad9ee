/**
 * The Athena family: SQL on Athena with the caller's own credentials, read-only by default, with
 * progress, cancellation and paged results ({@link com.quiltdata.mcp.tools.athena.AthenaTools}).
 */
package com.quiltdata.mcp.tools.athena;
