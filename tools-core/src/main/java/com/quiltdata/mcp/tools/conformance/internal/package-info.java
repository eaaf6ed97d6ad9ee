/** The conformance test tools; not for use outside tools-core. */
package com.quiltdata.mcp.tools.conformance.internal;
