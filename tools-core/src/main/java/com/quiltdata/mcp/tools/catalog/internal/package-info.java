/** The catalog kit's plumbing: not for use outside {@code tools.catalog}. */
package com.quiltdata.mcp.tools.catalog.internal;
