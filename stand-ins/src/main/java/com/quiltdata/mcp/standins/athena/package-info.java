/**
 * A local Athena and Glue ({@link com.quiltdata.mcp.standins.athena.AthenaStandIn}): the AWS JSON
 * 1.1 protocol, SigV4 signatures checked against the configured keys, and every query really run on
 * an embedded DuckDB.
 */
package com.quiltdata.mcp.standins.athena;
