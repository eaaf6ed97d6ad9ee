package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** {@code tabulator_table_rename}: renames a tabulator table, keeping its config. */
final class TabulatorTableRenameTool extends TabulatorTool {
  static final String NAME = "tabulator_table_rename";

  TabulatorTableRenameTool(CatalogClient catalog) {
    super(catalog, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("bucket", "table_name", "new_table_name");
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    JsonSchema.property(in, "table_name", tableName("The table to rename"));
    JsonSchema.property(in, "new_table_name", tableName("Its new name"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Rename a tabulator table",
        "Renames a bucket's tabulator table, keeping its config; queries must use the new name.",
        in,
        mutationOutput(),
        Annotations.writes(false, false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    String table = tableName(args, "table_name");
    String newName = tableName(args, "new_table_name");
    ObjectNode vars =
        JsonSchema.NODES
            .objectNode()
            .put("bucket", bucket)
            .put("table", table)
            .put("newName", newName);
    ObjectNode out =
        mutate(
            context,
            "bucketRenameTabulatorTable",
            "$bucket: String!, $table: String!, $newName: String!",
            "bucketName: $bucket, tableName: $table, newTableName: $newName",
            vars,
            "rename the tabulator table " + table + " of s3://" + bucket);
    out.put("table_name", newName);
    return ToolResult.structured(out);
  }
}
