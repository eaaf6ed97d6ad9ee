/**
 * The schema kit shared by every tool family: one JSON Schema builder ({@link
 * com.quiltdata.mcp.tools.schema.JsonSchema}), tool annotations and the argument reader ({@link
 * com.quiltdata.mcp.tools.schema.Arguments}).
 */
package com.quiltdata.mcp.tools.schema;
