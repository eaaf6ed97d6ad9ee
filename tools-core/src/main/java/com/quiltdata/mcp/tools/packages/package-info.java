/**
 * The Quilt package tool family: packages read and written in quilt3's registry format, on each
 * caller's own credentials. Start with {@link com.quiltdata.mcp.tools.packages.PackageTools}.
 */
package com.quiltdata.mcp.tools.packages;
