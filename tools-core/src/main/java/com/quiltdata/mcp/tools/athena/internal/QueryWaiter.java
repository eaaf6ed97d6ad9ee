package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;

/**
 * Waits for a started query: polls its status with back-off (first wait, then 1.5 times longer up
 * to the ceiling) under a deadline, reporting progress (state, elapsed, data scanned) on each poll.
 * The client's cancellation wakes the wait at once and stops the query in Athena; the deadline ends
 * the wait with {@code TIMEOUT} and the execution id, the query left running to be picked up.
 */
final class QueryWaiter {
  private final AthenaTool tool;
  private final AthenaSettings settings;

  QueryWaiter(AthenaTool tool, AthenaSettings settings) {
    this.tool = tool;
    this.settings = settings;
  }

  /** The query's final execution (SUCCEEDED); FAILED and CANCELLED are thrown, typed. */
  @SuppressWarnings("try") // the cancellation registration is only opened and closed
  QueryExecution await(AwsCall call, ToolContext context, String id, Duration timeout) {
    Instant start = context.clock().instant();
    Instant deadline = start.plus(timeout);
    CountDownLatch cancelled = new CountDownLatch(1);
    long delay = settings.firstPoll().toMillis();
    try (ToolContext.Registration r = context.onCancel(cancelled::countDown)) {
      int polls = 0;
      while (true) {
        QueryExecution qe = status(call, context, id);
        QueryExecutionState state = qe.status().state();
        if (state == QueryExecutionState.SUCCEEDED) {
          return qe;
        }
        if (state == QueryExecutionState.FAILED) {
          throw failed(qe);
        }
        if (state == QueryExecutionState.CANCELLED) {
          throw new ToolFailure(
              AthenaReason.QUERY_CANCELLED, "Query " + id + " was cancelled", idDetails(id));
        }
        Instant now = context.clock().instant();
        Duration elapsed = Duration.between(start, now);
        polls++;
        context.progress(polls, null, progressMessage(state, elapsed, qe.statistics()));
        if (!now.isBefore(deadline)) {
          context.log(LogLevel.INFO, "Query " + id + " is still " + state + " at the deadline");
          throw new ToolFailure(
              AthenaReason.TIMEOUT,
              "Query "
                  + id
                  + " did not finish within "
                  + timeout.toSeconds()
                  + " s and is still running. Check it with athena_query_status and read its"
                  + " rows with athena_query_results, or stop it with athena_query_cancel",
              idDetails(id));
        }
        long wait = Math.min(delay, Math.max(1, Duration.between(now, deadline).toMillis()));
        boolean wasCancelled;
        try {
          wasCancelled = CpuSlots.waiting(() -> cancelled.await(wait, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          wasCancelled = true;
        }
        if (wasCancelled || context.isCancelled()) {
          stop(call, id);
          throw ToolFailure.cancelled();
        }
        delay = Math.min((long) (delay * 1.5), settings.maxPoll().toMillis());
      }
    }
  }

  private QueryExecution status(AwsCall call, ToolContext context, String id) {
    try {
      return tool.withAthena(
              call,
              "query " + id,
              (a, c) ->
                  a.getQueryExecution(
                      b -> b.queryExecutionId(id).overrideConfiguration(c.override())))
          .queryExecution();
    } catch (ToolFailure f) {
      if (f.reason() == CommonReason.CANCELLED || context.isCancelled()) {
        stop(call, id);
      }
      throw f;
    }
  }

  /** Best effort: asks Athena to stop the query with the caller's credentials. */
  void stop(AwsCall call, String id) {
    try {
      tool.aws
          .athena()
          .stopQueryExecution(b -> b.queryExecutionId(id).overrideConfiguration(call.override()));
    } catch (SdkException | com.quiltdata.mcp.auth.AuthException e) {
      // The call is being cancelled either way; the query may already have ended.
    }
  }

  /** {@code QUERY_FAILED} with Athena's reason. */
  static ToolFailure failed(QueryExecution qe) {
    String reason = AthenaTool.safeText(qe.status().stateChangeReason());
    return new ToolFailure(
        AthenaReason.QUERY_FAILED,
        "Query " + qe.queryExecutionId() + " failed: " + reason,
        idDetails(qe.queryExecutionId()));
  }

  static ObjectNode idDetails(String id) {
    ObjectNode d = JsonSchema.NODES.objectNode();
    d.put("query_execution_id", id);
    return d;
  }

  private static String progressMessage(
      QueryExecutionState state, Duration elapsed, QueryExecutionStatistics stats) {
    long scanned =
        stats == null || stats.dataScannedInBytes() == null ? 0 : stats.dataScannedInBytes();
    return state
        + ", "
        + String.format(java.util.Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0)
        + " s elapsed, "
        + scanned
        + " bytes scanned";
  }
}
