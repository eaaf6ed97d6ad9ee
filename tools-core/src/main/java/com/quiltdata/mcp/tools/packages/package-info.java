/**
 * The Quilt package tool family: packages read and written in quilt3's registry format or through
 * the catalog's GraphQL, on each caller's own rights. Start with {@link
 * com.quiltdata.mcp.tools.packages.PackageTools}.
 */
package com.quiltdata.mcp.tools.packages;
