/**
 * The one assembly of every tool family into the tool set the servers serve: {@link
 * com.quiltdata.mcp.tools.assembly.QuiltTools}. The only package that may use more than one family.
 */
package com.quiltdata.mcp.tools.assembly;
