package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * One query from start to first page, as {@code athena_query_execute} and {@code tabulator_query}
 * run it: the caller's workgroup chosen, the query started, waited for, and its first page read.
 * The statement has been judged before.
 */
final class QueryFlow {
  /** What to run, and how much to return. */
  record Request(
      String query,
      String catalog,
      String database,
      String workgroup,
      int maxRows,
      String format,
      Duration timeout) {}

  private final AthenaTool tool;
  private final Workgroups workgroups;
  private final QueryWaiter waiter;
  private final ResultPages pages;

  QueryFlow(AthenaTool tool, AthenaSettings settings) {
    this.tool = tool;
    this.workgroups = new Workgroups(tool, settings);
    this.waiter = new QueryWaiter(tool, settings);
    this.pages = new ResultPages(tool, settings);
  }

  ObjectNode run(AwsCall call, ToolContext context, Request r) {
    Workgroups.Choice wg = workgroups.choose(call, r.workgroup());
    String id =
        tool.withAthena(
                call,
                "workgroup '" + wg.name() + "'",
                (a, c) ->
                    a.startQueryExecution(
                        b -> {
                          b.queryString(r.query())
                              .workGroup(wg.name())
                              .clientRequestToken(UUID.randomUUID().toString())
                              .queryExecutionContext(
                                  x -> x.catalog(r.catalog()).database(r.database()))
                              .overrideConfiguration(c.override());
                          if (wg.outputLocation() != null) {
                            b.resultConfiguration(o -> o.outputLocation(wg.outputLocation()));
                          }
                        }))
            .queryExecutionId();
    context.log(LogLevel.INFO, "Athena query " + id + " started in workgroup " + wg.name());
    QueryExecution done = waiter.await(call, context, id, r.timeout());
    ResultPages.Page page = pages.read(call, id, null, r.maxRows());
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query_execution_id", id);
    out.put("state", done.status().stateAsString());
    out.put("workgroup", wg.name());
    if (done.statistics() != null) {
      out.put("data_scanned_bytes", done.statistics().dataScannedInBytes());
      out.put("engine_execution_ms", done.statistics().engineExecutionTimeInMillis());
    }
    ResultPages.write(out, page, r.format());
    return out;
  }
}
