package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;

/**
 * {@code packages_search}: the catalog's package search in the given buckets (default: every bucket
 * the token grants) on the GraphQL backend; on S3, packages whose names contain the query, and
 * {@code mode} says so.
 */
final class SearchTool extends PackageTool {
  static final String NAME = "packages_search";
  static final int MAX_BUCKETS = 20;
  static final int MAX_LIMIT = 100;

  SearchTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("query");
    JsonSchema.property(
        in,
        "query",
        JsonSchema.string("What to look for").put("minLength", 1).put("maxLength", 500));
    ObjectNode bucket = JsonSchema.bucket();
    JsonSchema.property(
        in,
        "buckets",
        JsonSchema.arrayOf(bucket, "Buckets to search (default: every bucket your token grants)")
            .put("maxItems", MAX_BUCKETS));
    JsonSchema.property(in, "limit", JsonSchema.integer("Most results", 1, MAX_LIMIT, 20));
    JsonSchema.property(
        in,
        "cursor",
        JsonSchema.string("The next_cursor of the previous page").put("maxLength", 512));
    ObjectNode out = JsonSchema.output("query", "results");
    JsonSchema.property(out, "query", JsonSchema.typed("string"));
    JsonSchema.property(out, "results", JsonSchema.typed("array"));
    JsonSchema.property(out, "mode", JsonSchema.typed("string"));
    JsonSchema.property(out, "next_cursor", JsonSchema.typed("string", "null"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Search packages",
        "Searches Quilt packages across buckets you may read. Returns bucket, package name and"
            + " what matched; mode says whether the catalog's full-text search or a name match"
            + " answered.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String query = args.text("query");
    List<String> buckets = args.texts("buckets", MAX_BUCKETS);
    if (buckets.isEmpty()) {
      buckets = context.principal().claims().buckets();
    }
    if (buckets.size() > MAX_BUCKETS) {
      buckets = buckets.subList(0, MAX_BUCKETS);
    }
    int limit = (int) args.integer("limit", 1, MAX_LIMIT, 20);
    String cursor = args.optionalText("cursor");
    ObjectNode out = packages.backend(context).search(context, query, buckets, limit, cursor);
    return ToolResult.structured(out);
  }
}
