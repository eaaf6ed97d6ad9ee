/** The conformance test tool family (test profile only). */
package com.quiltdata.mcp.tools.conformance;
