package com.quiltdata.mcp.tools.athena;

import com.quiltdata.mcp.tools.ToolFailure;

/**
 * Why an Athena tool call failed, beyond the reasons every family shares ({@code CommonReason}) and
 * those of any AWS service ({@code AwsReason}, e.g. {@code ACCESS_DENIED}). docs/tools.md lists
 * them all.
 */
public enum AthenaReason implements ToolFailure.Reason {
  /** The query ran and failed; the message carries Athena's reason. */
  QUERY_FAILED(false),
  /** The query was cancelled (by a caller, or by Athena). */
  QUERY_CANCELLED(false),
  /**
   * The query did not finish within the deadline; it keeps running and its {@code
   * query_execution_id} (in the details) can be picked up with {@code athena_query_status}.
   */
  TIMEOUT(true),
  /** The query has not finished yet, so it has no results; ask again later. */
  QUERY_NOT_FINISHED(true),
  /** No query execution with that id exists (in this account and region). */
  QUERY_NOT_FOUND(false),
  /** The statement is not read-only and writes are not enabled (or not granted). */
  NOT_READ_ONLY(false),
  /** The workgroup does not exist or is disabled. */
  WORKGROUP_NOT_FOUND(false),
  /** No workgroup could be chosen: none given, none configured, none enabled for the caller. */
  NO_WORKGROUP(false),
  /** The workgroup has no result location and none is configured. */
  NO_OUTPUT_LOCATION(false),
  /** The data catalog, database or table does not exist. */
  NOT_FOUND(false),
  /** The query text is larger than the configured bound. */
  QUERY_TOO_LARGE(false),
  /**
   * The tabulator table config breaks a rule of the registry (docs/tools.md); {@code path} in the
   * details names the bad field, and nothing was sent.
   */
  TABULATOR_CONFIG_INVALID(false);

  private final boolean retryable;

  AthenaReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
