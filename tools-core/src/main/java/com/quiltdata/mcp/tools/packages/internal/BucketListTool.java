package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code bucket_list}: the caller's buckets. Without the catalog there are no titles or
 * descriptions: the names come from the verified token.
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
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode buckets = out.putArray("buckets");
    for (String b : context.principal().claims().buckets()) {
      ObjectNode n = buckets.addObject().put("name", b);
      n.putNull("title");
      n.putNull("description");
      n.put("s3_uri", "s3://" + b);
      n.put("catalog_url", CatalogLinks.bucketUrl(packages.settings, b, ""));
    }
    out.put("source", "token");
    return ToolResult.structured(out);
  }
}
