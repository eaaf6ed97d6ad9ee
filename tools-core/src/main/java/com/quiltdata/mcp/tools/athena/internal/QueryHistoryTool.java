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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * {@code athena_query_history}: the recent queries of the given or chosen workgroup, newest first
 * (ListQueryExecutions, then BatchGetQueryExecution, 50 at a time), optionally of one state.
 */
final class QueryHistoryTool extends AthenaTool {
  static final String NAME = "athena_query_history";
  private static final int MAX = 200;
  private static final int MAX_PAGES = 20;
  private static final int QUERY_CHARS = 2000;
  private static final Set<String> STATES =
      Set.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");

  private final Workgroups workgroups;

  QueryHistoryTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
    this.workgroups = new Workgroups(this, settings);
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object();
    JsonSchema.property(
        in, "workgroup_name", JsonSchema.string("Workgroup; default: the configured or your own"));
    JsonSchema.property(in, "max_results", JsonSchema.integer("Most queries shown", 1, MAX, 50));
    JsonSchema.property(
        in,
        "state",
        JsonSchema.enumOf(
            "Only queries in this state", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"));
    ObjectNode out = JsonSchema.output("workgroup", "queries");
    JsonSchema.property(out, "workgroup", JsonSchema.typed("string"));
    JsonSchema.property(
        out, "queries", JsonSchema.arrayOf(QueryStatusTool.executionSchema(), "Newest first"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena query history",
        "Lists recent queries of a workgroup (the given one, else the configured or your own),"
            + " newest first, with state, reason, times and data scanned.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String requested = name(args, "workgroup_name");
    int max = (int) args.integer("max_results", 1, MAX, 50);
    String state = args.optionalText("state");
    if (state != null && !STATES.contains(state.toUpperCase(Locale.ROOT))) {
      throw ToolFailure.invalidArgument("Argument 'state' must be one of " + STATES);
    }
    AwsCall call = begin(context);
    String wg = requested != null ? requested : workgroups.chooseName(call);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("workgroup", wg);
    ArrayNode list = out.putArray("queries");
    String token = null;
    for (int page = 0; page < MAX_PAGES && list.size() < max; page++) {
      String t = token;
      ListQueryExecutionsResponse ids =
          withAthena(
              call,
              "workgroup '" + wg + "'",
              (a, c) ->
                  a.listQueryExecutions(
                      b ->
                          b.workGroup(wg)
                              .maxResults(50)
                              .nextToken(t)
                              .overrideConfiguration(c.override())));
      List<String> batch = ids.queryExecutionIds();
      if (!batch.isEmpty()) {
        List<QueryExecution> found =
            withAthena(
                    call,
                    "workgroup '" + wg + "'",
                    (a, c) ->
                        a.batchGetQueryExecution(
                            b -> b.queryExecutionIds(batch).overrideConfiguration(c.override())))
                .queryExecutions();
        for (QueryExecution qe : found) {
          if (list.size() >= max) {
            break;
          }
          if (state == null || state.equalsIgnoreCase(qe.status().stateAsString())) {
            list.add(QueryStatusTool.execution(qe, QUERY_CHARS));
          }
        }
      }
      token = ids.nextToken();
      if (token == null) {
        break;
      }
    }
    return ToolResult.structured(out);
  }
}
