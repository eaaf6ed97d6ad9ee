package com.quiltdata.mcp.tools.athena.internal;

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

/**
 * {@code athena_query_execute}: judges the statement, chooses the caller's workgroup, starts the
 * query, waits for it with progress and cancellation, and returns the first page of rows.
 */
final class QueryExecuteTool extends AthenaTool {
  static final String NAME = "athena_query_execute";

  private final QueryFlow flow;

  QueryExecuteTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe(settings));
    this.flow = new QueryFlow(this, settings);
  }

  private static ToolDefinition describe(AthenaSettings s) {
    ObjectNode in = JsonSchema.object("query");
    JsonSchema.property(in, "query", JsonSchema.string("One SQL statement (Athena / Trino SQL)"));
    JsonSchema.property(in, "database_name", JsonSchema.string("Database the query runs in"));
    JsonSchema.property(
        in, "data_catalog_name", JsonSchema.string("Data catalog; default AwsDataCatalog"));
    runArguments(in, s);
    ObjectNode out = queryOutput();
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Run an Athena query",
        "Runs one SQL statement on Athena with your own AWS rights and returns the columns with"
            + " their types and the first rows (SQL NULL as null). Read-only statements only"
            + " (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) unless the operator enabled writes."
            + " Reports progress while the query runs; cancelling the call stops the query."
            + " Page on with athena_query_results and next_token; a TIMEOUT carries the"
            + " query_execution_id to pick the query up.",
        in,
        out,
        Annotations.readOnly(true));
  }

  /** The output of execute and results: the id, state, statistics and a page of rows. */
  static ObjectNode queryOutput() {
    ObjectNode out = JsonSchema.output();
    JsonSchema.property(out, "query_execution_id", JsonSchema.typed("string"));
    JsonSchema.property(out, "state", JsonSchema.typed("string"));
    JsonSchema.property(out, "workgroup", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "data_scanned_bytes", JsonSchema.typed("integer", "null"));
    JsonSchema.property(out, "engine_execution_ms", JsonSchema.typed("integer", "null"));
    ResultPages.describe(out);
    JsonSchema.required(out, "query_execution_id", "columns", "rows", "truncated", "next_token");
    return out;
  }

  /** The arguments of how a query runs and what comes back, shared with tabulator_query. */
  static void runArguments(ObjectNode in, AthenaSettings s) {
    JsonSchema.property(
        in, "workgroup_name", JsonSchema.string("Workgroup; default: the configured or your own"));
    JsonSchema.property(
        in,
        "max_results",
        JsonSchema.integer(
            "Most rows in this response (more come with next_token)",
            1,
            s.maxRows(),
            Math.min(1000, s.maxRows())));
    JsonSchema.property(
        in,
        "output_format",
        JsonSchema.enumOf(
            "json rows, plus a csv or text table in 'formatted'", "json", "csv", "table"));
    JsonSchema.property(
        in,
        "timeout_seconds",
        JsonSchema.integer(
            "How long to wait before returning TIMEOUT with the id (the query keeps running)",
            1,
            s.maxTimeout().toSeconds(),
            s.defaultTimeout().toSeconds()));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String query = args.text("query");
    String database = name(args, "database_name");
    String requested = name(args, "workgroup_name");
    String catalog = catalog(args);
    ReadOnlyGate.check(query, settings, context.principal());
    AwsCall call = begin(context);
    ObjectNode out =
        flow.run(
            call,
            context,
            new QueryFlow.Request(
                query, catalog, database, requested, maxRows(args), format(args), timeout(args)));
    return ToolResult.structured(out);
  }
}
