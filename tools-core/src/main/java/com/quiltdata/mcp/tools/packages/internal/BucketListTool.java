package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code bucket_list}: the caller's buckets: the catalog's role-scoped list with titles and
 * descriptions on the GraphQL backend; on S3 the names in the verified token, without titles.
 */
final class BucketListTool extends PackageTool {
  static final String NAME = "bucket_list";

  BucketListTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode out = JsonSchema.output("buckets", "source");
    JsonSchema.property(out, "buckets", JsonSchema.typed("array"));
    JsonSchema.property(out, "source", JsonSchema.typed("string"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "List my buckets",
        "Lists the buckets you may use, with the catalog's title and description when the"
            + " catalog is reachable, and a catalog link for each.",
        JsonSchema.object(),
        out,
        Annotations.readOnly(false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    ObjectNode out = packages.backend(context).buckets(context);
    return ToolResult.structured(out);
  }
}
