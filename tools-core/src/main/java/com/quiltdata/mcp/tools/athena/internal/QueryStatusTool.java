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
import software.amazon.awssdk.services.athena.model.QueryExecution;

/** {@code athena_query_status}: a query's state, reason, times and statistics. */
final class QueryStatusTool extends AthenaTool {
  static final String NAME = "athena_query_status";

  QueryStatusTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("query_execution_id");
    JsonSchema.property(in, "query_execution_id", JsonSchema.string("The query's execution id"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena query status",
        "Shows a query's state (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), Athena's reason"
            + " when it failed, its times, data scanned and workgroup.",
        in,
        executionSchema(),
        Annotations.readOnly(true));
  }

  /** The members of {@link #execution}. */
  static ObjectNode executionSchema() {
    ObjectNode out = JsonSchema.output();
    JsonSchema.property(out, "query_execution_id", JsonSchema.typed("string"));
    JsonSchema.property(out, "state", JsonSchema.typed("string"));
    JsonSchema.property(out, "state_change_reason", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "query", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "workgroup", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "database", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "submitted", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "completed", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "data_scanned_bytes", JsonSchema.typed("integer", "null"));
    JsonSchema.property(out, "engine_execution_ms", JsonSchema.typed("integer", "null"));
    JsonSchema.required(out, "query_execution_id", "state");
    return out;
  }

  /** A query execution as the tools show it; the query text cut to {@code maxQueryChars}. */
  static ObjectNode execution(QueryExecution qe, int maxQueryChars) {
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query_execution_id", qe.queryExecutionId());
    var st = qe.status();
    out.put("state", st == null ? null : st.stateAsString());
    out.put(
        "state_change_reason",
        st == null || st.stateChangeReason() == null ? null : safeText(st.stateChangeReason()));
    String q = qe.query();
    out.put(
        "query",
        q == null || q.length() <= maxQueryChars
            ? q
            : q.substring(0, maxQueryChars) + ResultPages.CUT_MARKER);
    out.put("workgroup", qe.workGroup());
    out.put(
        "database",
        qe.queryExecutionContext() == null ? null : qe.queryExecutionContext().database());
    out.put(
        "submitted",
        st == null || st.submissionDateTime() == null ? null : st.submissionDateTime().toString());
    out.put(
        "completed",
        st == null || st.completionDateTime() == null ? null : st.completionDateTime().toString());
    if (qe.statistics() != null) {
      out.put("data_scanned_bytes", qe.statistics().dataScannedInBytes());
      out.put("engine_execution_ms", qe.statistics().engineExecutionTimeInMillis());
    }
    return out;
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String id = queryId(args);
    QueryExecution qe =
        withAthena(
                begin(context),
                id,
                (a, c) ->
                    a.getQueryExecution(
                        b -> b.queryExecutionId(id).overrideConfiguration(c.override())))
            .queryExecution();
    return ToolResult.structured(execution(qe, settings.maxCellChars()));
  }
}
