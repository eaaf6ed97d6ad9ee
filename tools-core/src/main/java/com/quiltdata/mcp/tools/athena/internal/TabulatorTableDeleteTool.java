package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** {@code tabulator_table_delete}: deletes a tabulator table (a set with a null config). */
final class TabulatorTableDeleteTool extends TabulatorTool {
  static final String NAME = "tabulator_table_delete";

  TabulatorTableDeleteTool(CatalogClient catalog) {
    super(catalog, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("bucket", "table_name");
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    JsonSchema.property(in, "table_name", tableName("The table to delete"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Delete a tabulator table",
        "Deletes a bucket's tabulator table; the package data it was defined over stays."
            + " Deleting a table that does not exist changes nothing.",
        in,
        mutationOutput(),
        Annotations.writes(true, true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    String table = tableName(args, "table_name");
    ObjectNode vars = JsonSchema.NODES.objectNode().put("bucket", bucket).put("table", table);
    vars.putNull("config");
    ObjectNode out =
        mutate(
            context,
            "bucketSetTabulatorTable",
            "$bucket: String!, $table: String!, $config: String",
            "bucketName: $bucket, tableName: $table, config: $config",
            vars,
            "delete the tabulator table " + table + " of s3://" + bucket);
    out.put("table_name", table);
    return ToolResult.structured(out);
  }
}
