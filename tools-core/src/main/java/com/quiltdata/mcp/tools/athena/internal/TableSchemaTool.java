package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.athena.model.Column;
import software.amazon.awssdk.services.athena.model.TableMetadata;

/**
 * {@code athena_table_schema}: one table's columns, partition keys (exactly those the catalog
 * declares, never guessed from column names), type, location and parameters (GetTableMetadata).
 */
final class TableSchemaTool extends AthenaTool {
  static final String NAME = "athena_table_schema";
  private static final int MAX_PARAMETERS = 100;

  TableSchemaTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("database_name", "table_name");
    JsonSchema.property(in, "database_name", JsonSchema.string("The database"));
    JsonSchema.property(in, "table_name", JsonSchema.string("The table"));
    JsonSchema.property(
        in, "data_catalog_name", JsonSchema.string("Data catalog; default AwsDataCatalog"));
    ObjectNode column = JsonSchema.output();
    JsonSchema.property(column, "name", JsonSchema.typed("string"));
    JsonSchema.property(column, "type", JsonSchema.typed("string", "null"));
    JsonSchema.property(column, "comment", JsonSchema.typed("string", "null"));
    ObjectNode out = JsonSchema.output("database_name", "table_name", "columns", "partition_keys");
    JsonSchema.property(out, "data_catalog_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "database_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "table_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "table_type", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "location", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "columns", JsonSchema.arrayOf(column, "Data columns"));
    JsonSchema.property(
        out, "partition_keys", JsonSchema.arrayOf(column.deepCopy(), "Partition keys"));
    JsonSchema.property(out, "parameters", JsonSchema.typed("object"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena table schema",
        "Shows a table's columns with types and comments, its partition keys as the catalog"
            + " declares them, its type, storage location and parameters.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String database = name(args, "database_name");
    String table = name(args, "table_name");
    if (database == null || table == null) {
      throw ToolFailure.invalidArgument("Arguments 'database_name' and 'table_name' are required");
    }
    String catalog = catalog(args);
    TableMetadata m =
        withAthena(
                begin(context),
                "table '" + database + "." + table + "'",
                (a, c) ->
                    a.getTableMetadata(
                        b ->
                            b.catalogName(catalog)
                                .databaseName(database)
                                .tableName(table)
                                .overrideConfiguration(c.override())))
            .tableMetadata();
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("data_catalog_name", catalog);
    out.put("database_name", database);
    out.put("table_name", m.name());
    out.put("table_type", m.tableType());
    Map<String, String> params = new TreeMap<>(m.parameters());
    out.put("location", params.get("location"));
    columns(out.putArray("columns"), m.columns());
    columns(out.putArray("partition_keys"), m.partitionKeys());
    ObjectNode p = out.putObject("parameters");
    params.entrySet().stream().limit(MAX_PARAMETERS).forEach(e -> p.put(e.getKey(), e.getValue()));
    return ToolResult.structured(out);
  }

  private static void columns(ArrayNode into, List<Column> columns) {
    for (Column c : columns) {
      into.addObject().put("name", c.name()).put("type", c.type()).put("comment", c.comment());
    }
  }
}
