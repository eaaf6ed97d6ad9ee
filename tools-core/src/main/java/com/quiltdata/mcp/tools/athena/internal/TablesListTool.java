package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.athena.model.ListTableMetadataResponse;
import software.amazon.awssdk.services.athena.model.TableMetadata;

/**
 * {@code athena_tables_list}: a database's tables (ListTableMetadata, paged); the pattern goes as
 * the API's {@code Expression} parameter, never into SQL.
 */
final class TablesListTool extends AthenaTool {
  static final String NAME = "athena_tables_list";
  static final int MAX_ITEMS = 1000;
  private static final Pattern EXPRESSION = Pattern.compile("[A-Za-z0-9_*|.-]{1,256}");

  TablesListTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("database_name");
    JsonSchema.property(in, "database_name", JsonSchema.string("The database"));
    JsonSchema.property(
        in, "data_catalog_name", JsonSchema.string("Data catalog; default AwsDataCatalog"));
    JsonSchema.property(
        in,
        "pattern",
        JsonSchema.string("Table names to keep: * matches any run, | separates alternatives"));
    ObjectNode table = JsonSchema.output();
    JsonSchema.property(table, "name", JsonSchema.typed("string"));
    JsonSchema.property(table, "table_type", JsonSchema.typed("string", "null"));
    JsonSchema.property(table, "column_count", JsonSchema.typed("integer"));
    JsonSchema.property(table, "partition_keys", JsonSchema.strings("Partition key names"));
    ObjectNode out = JsonSchema.output("database_name", "tables", "truncated");
    JsonSchema.property(out, "data_catalog_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "database_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "tables", JsonSchema.arrayOf(table, "The tables"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena tables",
        "Lists the tables of a database with their type, column count and partition keys;"
            + " athena_table_schema shows one table's columns.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String database = name(args, "database_name");
    if (database == null) {
      throw ToolFailure.invalidArgument("Argument 'database_name' is required (a string)");
    }
    String catalog = catalog(args);
    String pattern = args.optionalText("pattern");
    if (pattern != null && !EXPRESSION.matcher(pattern).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument 'pattern' must be 1-256 characters of letters, digits, _ - . * and |");
    }
    AwsCall call = begin(context);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("data_catalog_name", catalog);
    out.put("database_name", database);
    ArrayNode list = out.putArray("tables");
    String token = null;
    boolean truncated = false;
    do {
      String t = token;
      ListTableMetadataResponse r =
          withAthena(
              call,
              "database '" + database + "'",
              (a, c) ->
                  a.listTableMetadata(
                      b ->
                          b.catalogName(catalog)
                              .databaseName(database)
                              .expression(pattern)
                              .nextToken(t)
                              .overrideConfiguration(c.override())));
      for (TableMetadata m : r.tableMetadataList()) {
        if (list.size() >= MAX_ITEMS) {
          truncated = true;
          break;
        }
        ObjectNode o = list.addObject();
        o.put("name", m.name())
            .put("table_type", m.tableType())
            .put("column_count", m.columns().size());
        ArrayNode keys = o.putArray("partition_keys");
        m.partitionKeys().forEach(k -> keys.add(k.name()));
      }
      token = r.nextToken();
    } while (token != null && !truncated);
    out.put("truncated", truncated || token != null);
    return ToolResult.structured(out);
  }
}
