package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** {@code tabulator_tables_list}: a bucket's tabulator tables with their YAML configs. */
final class TabulatorTablesListTool extends TabulatorTool {
  static final String NAME = "tabulator_tables_list";

  static final String QUERY =
      "query($bucket: String!) { bucketConfig(name: $bucket) {"
          + " name tabulatorTables { name config } } }";

  TabulatorTablesListTool(CatalogClient catalog) {
    super(catalog, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("bucket");
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    ObjectNode table = JsonSchema.output("name", "config");
    JsonSchema.property(table, "name", JsonSchema.typed("string"));
    JsonSchema.property(table, "config", JsonSchema.typed("string"));
    ObjectNode out = JsonSchema.output("bucket", "tables", "count");
    JsonSchema.property(out, "bucket", JsonSchema.typed("string"));
    JsonSchema.property(
        out, "tables", JsonSchema.arrayOf(table, "Tables, in the registry's order"));
    JsonSchema.property(out, "count", JsonSchema.typed("integer"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "List tabulator tables",
        "Lists a bucket's tabulator tables (tables Quilt defines over package contents, queried"
            + " with tabulator_query), each with its YAML config, from the Quilt catalog.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    ObjectNode vars = JsonSchema.NODES.objectNode().put("bucket", bucket);
    JsonNode config =
        catalog()
            .query(context, QUERY, vars, "list the tabulator tables of s3://" + bucket)
            .get("bucketConfig");
    if (config == null || !config.isObject()) {
      throw new ToolFailure(
          AthenaReason.NOT_FOUND,
          "The Quilt catalog has no bucket " + bucket + " that you may see");
    }
    ObjectNode out = JsonSchema.NODES.objectNode().put("bucket", bucket);
    ArrayNode tables = out.putArray("tables");
    for (JsonNode t : config.path("tabulatorTables")) {
      tables
          .addObject()
          .put("name", t.path("name").asText())
          .put("config", t.path("config").asText());
    }
    out.put("count", tables.size());
    return ToolResult.structured(out);
  }
}
