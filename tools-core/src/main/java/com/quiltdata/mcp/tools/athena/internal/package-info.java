/** The Athena tools, one small class each, and what they share (implementation). */
package com.quiltdata.mcp.tools.athena.internal;
