package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import software.amazon.awssdk.services.athena.model.Database;
import software.amazon.awssdk.services.athena.model.ListDatabasesResponse;

/** {@code athena_databases_list}: the databases of a data catalog (ListDatabases, paged). */
final class DatabasesListTool extends AthenaTool {
  static final String NAME = "athena_databases_list";
  static final int MAX_ITEMS = 1000;

  DatabasesListTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object();
    JsonSchema.property(
        in, "data_catalog_name", JsonSchema.string("Data catalog; default AwsDataCatalog"));
    ObjectNode db = JsonSchema.output();
    JsonSchema.property(db, "name", JsonSchema.typed("string"));
    JsonSchema.property(db, "description", JsonSchema.typed("string", "null"));
    ObjectNode out = JsonSchema.output("data_catalog_name", "databases", "truncated");
    JsonSchema.property(out, "data_catalog_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "databases", JsonSchema.arrayOf(db, "The databases"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena databases",
        "Lists the databases of an Athena data catalog (default AwsDataCatalog, the Glue catalog)"
            + " that your AWS rights show.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String catalog = catalog(args);
    AwsCall call = begin(context);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("data_catalog_name", catalog);
    ArrayNode list = out.putArray("databases");
    String token = null;
    boolean truncated = false;
    do {
      String t = token;
      ListDatabasesResponse r =
          withAthena(
              call,
              "catalog '" + catalog + "'",
              (a, c) ->
                  a.listDatabases(
                      b ->
                          b.catalogName(catalog).nextToken(t).overrideConfiguration(c.override())));
      for (Database d : r.databaseList()) {
        if (list.size() >= MAX_ITEMS) {
          truncated = true;
          break;
        }
        list.addObject().put("name", d.name()).put("description", d.description());
      }
      token = r.nextToken();
    } while (token != null && !truncated);
    out.put("truncated", truncated || token != null);
    return ToolResult.structured(out);
  }
}
