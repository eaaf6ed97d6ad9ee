package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code tabulator_table_set}: creates or replaces a tabulator table. The config is checked against
 * the registry's rules ({@link TabulatorConfig}) before anything is sent.
 */
final class TabulatorTableSetTool extends TabulatorTool {
  static final String NAME = "tabulator_table_set";

  TabulatorTableSetTool(CatalogClient catalog) {
    super(catalog, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("bucket", "table_name", "config");
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    JsonSchema.property(in, "table_name", tableName("The table to create or replace"));
    ObjectNode config = JsonSchema.typed("string", "object");
    config.put(
        "description",
        "The table config, as YAML text or an object: schema (columns {name, type,"
            + " nullable?}), source {type: quilt-packages, package_name, logical_key} (regular"
            + " expressions; named groups become columns), parser {format: csv, header?,"
            + " delimiter?} or {format: parquet}, continue_on_error?");
    JsonSchema.property(in, "config", config);
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Create or replace a tabulator table",
        "Creates a bucket's tabulator table, or replaces its config. The config is checked"
            + " against the registry's rules first; a bad one is refused naming the field, and"
            + " nothing is sent.",
        in,
        mutationOutput(),
        Annotations.writes(true, true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    String table = tableName(args, "table_name");
    String yaml = TabulatorConfig.check(args.raw("config"));
    ObjectNode vars =
        JsonSchema.NODES.objectNode().put("bucket", bucket).put("table", table).put("config", yaml);
    ObjectNode out =
        mutate(
            context,
            "bucketSetTabulatorTable",
            "$bucket: String!, $table: String!, $config: String",
            "bucketName: $bucket, tableName: $table, config: $config",
            vars,
            "set the tabulator table " + table + " of s3://" + bucket);
    out.put("table_name", table);
    return ToolResult.structured(out);
  }
}
