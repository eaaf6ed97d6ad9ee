package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsClients;
import java.util.List;

/** Builds the Athena tools, in listing order. */
public final class AthenaToolSet {
  /** The names of the tools, in listing order. */
  public static final List<String> NAMES =
      List.of(
          QueryExecuteTool.NAME,
          QueryResultsTool.NAME,
          QueryStatusTool.NAME,
          QueryCancelTool.NAME,
          QueryValidateTool.NAME,
          DatabasesListTool.NAME,
          TablesListTool.NAME,
          TableSchemaTool.NAME,
          WorkgroupsListTool.NAME,
          QueryHistoryTool.NAME,
          TabulatorQueryTool.NAME);

  private AthenaToolSet() {}

  /** The tools over the shared clients. */
  public static List<Tool> create(AwsClients aws, AthenaSettings settings) {
    return List.of(
        new QueryExecuteTool(aws, settings),
        new QueryResultsTool(aws, settings),
        new QueryStatusTool(aws, settings),
        new QueryCancelTool(aws, settings),
        new QueryValidateTool(aws, settings),
        new DatabasesListTool(aws, settings),
        new TablesListTool(aws, settings),
        new TableSchemaTool(aws, settings),
        new WorkgroupsListTool(aws, settings),
        new QueryHistoryTool(aws, settings),
        new TabulatorQueryTool(aws, settings));
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return AthenaPolicy.TABLE.rows();
  }
}
