/** Implementation of the package tools; not for use outside tools-core. */
package com.quiltdata.mcp.tools.packages.internal;
