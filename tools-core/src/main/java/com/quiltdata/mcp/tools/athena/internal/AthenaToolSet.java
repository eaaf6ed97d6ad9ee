package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
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
          TabulatorQueryTool.NAME,
          TabulatorTablesListTool.NAME,
          TabulatorTableSetTool.NAME,
          TabulatorTableDeleteTool.NAME,
          TabulatorTableRenameTool.NAME);

  private AthenaToolSet() {}

  /**
   * The tools over the shared clients.
   *
   * @param catalog the catalog's GraphQL for the tabulator table tools, or {@code null} when no
   *     registry is configured (they then fail with {@code CATALOG_NOT_CONFIGURED})
   */
  public static List<Tool> create(AwsClients aws, AthenaSettings settings, CatalogClient catalog) {
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
        new TabulatorQueryTool(aws, settings),
        new TabulatorTablesListTool(catalog),
        new TabulatorTableSetTool(catalog),
        new TabulatorTableDeleteTool(catalog),
        new TabulatorTableRenameTool(catalog));
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return AthenaPolicy.TABLE.rows();
  }
}
