package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/** {@code athena_query_cancel}: asks Athena to stop a query (StopQueryExecution). */
final class QueryCancelTool extends AthenaTool {
  static final String NAME = "athena_query_cancel";

  QueryCancelTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("query_execution_id");
    JsonSchema.property(in, "query_execution_id", JsonSchema.string("The query's execution id"));
    ObjectNode out = JsonSchema.output("query_execution_id", "stop_requested");
    JsonSchema.property(out, "query_execution_id", JsonSchema.typed("string"));
    JsonSchema.property(out, "stop_requested", JsonSchema.typed("boolean"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Stop an Athena query",
        "Stops a queued or running query; a query that has already ended is left as it is."
            + " athena_query_status then shows CANCELLED.",
        in,
        out,
        Annotations.writes(false, true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String id = queryId(args);
    withAthena(
        begin(context),
        id,
        (a, c) ->
            a.stopQueryExecution(b -> b.queryExecutionId(id).overrideConfiguration(c.override())));
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query_execution_id", id);
    out.put("stop_requested", true);
    return ToolResult.structured(out);
  }
}
