package com.quiltdata.mcp.tools.athena.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.schema.RequirementTable;

/**
 * The Athena family's authorization table: exactly the IAM actions of the Athena calls each tool
 * may make, so a token that lacks one is refused before anything is sent. Only tabulator_query
 * names a bucket (its database); results are read through the API, not from S3. A write statement,
 * when the operator enables writes, also needs its own action in the token ({@code
 * StatementJudge}).
 *
 * <table>
 *   <caption>Athena tool requirements</caption>
 *   <tr><th>tool</th><th>actions</th></tr>
 *   <tr><td>athena_query_execute</td><td>athena:ListWorkGroups, athena:GetWorkGroup,
 *       athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults,
 *       athena:StopQueryExecution</td></tr>
 *   <tr><td>athena_query_results</td><td>athena:GetQueryResults</td></tr>
 *   <tr><td>athena_query_status</td><td>athena:GetQueryExecution</td></tr>
 *   <tr><td>athena_query_cancel</td><td>athena:StopQueryExecution</td></tr>
 *   <tr><td>athena_query_validate</td><td>none (nothing is sent)</td></tr>
 *   <tr><td>athena_databases_list</td><td>athena:ListDatabases</td></tr>
 *   <tr><td>athena_tables_list</td><td>athena:ListTableMetadata</td></tr>
 *   <tr><td>athena_table_schema</td><td>athena:GetTableMetadata</td></tr>
 *   <tr><td>athena_workgroups_list</td><td>athena:ListWorkGroups</td></tr>
 *   <tr><td>athena_query_history</td><td>athena:ListWorkGroups, athena:GetWorkGroup,
 *       athena:ListQueryExecutions, athena:BatchGetQueryExecution</td></tr>
 *   <tr><td>tabulator_query</td><td>athena:ListDataCatalogs and those of athena_query_execute;
 *       the {@code bucket} checked against the token</td></tr>
 *   <tr><td>tabulator_tables_list</td><td>none (the catalog's GraphQL, no AWS call); the
 *       {@code bucket} checked against the token</td></tr>
 *   <tr><td>tabulator_table_set, tabulator_table_delete, tabulator_table_rename</td><td>none
 *       (the catalog's GraphQL); the {@code bucket} checked against the token; writes</td></tr>
 * </table>
 */
final class AthenaPolicy {
  static final String LIST_WORKGROUPS = "athena:ListWorkGroups";
  static final String GET_WORKGROUP = "athena:GetWorkGroup";
  static final String START = "athena:StartQueryExecution";
  static final String GET_EXECUTION = "athena:GetQueryExecution";
  static final String GET_RESULTS = "athena:GetQueryResults";
  static final String STOP = "athena:StopQueryExecution";

  static final RequirementTable TABLE =
      RequirementTable.of(
          ToolRequirements.builder(QueryExecuteTool.NAME)
              .action(LIST_WORKGROUPS, GET_WORKGROUP, START, GET_EXECUTION, GET_RESULTS, STOP)
              .build(),
          ToolRequirements.builder(QueryResultsTool.NAME).action(GET_RESULTS).build(),
          ToolRequirements.builder(QueryStatusTool.NAME).action(GET_EXECUTION).build(),
          ToolRequirements.builder(QueryCancelTool.NAME).action(STOP).build(),
          ToolRequirements.open(QueryValidateTool.NAME),
          ToolRequirements.builder(DatabasesListTool.NAME).action("athena:ListDatabases").build(),
          ToolRequirements.builder(TablesListTool.NAME).action("athena:ListTableMetadata").build(),
          ToolRequirements.builder(TableSchemaTool.NAME).action("athena:GetTableMetadata").build(),
          ToolRequirements.builder(WorkgroupsListTool.NAME).action(LIST_WORKGROUPS).build(),
          ToolRequirements.builder(QueryHistoryTool.NAME)
              .action(
                  LIST_WORKGROUPS,
                  GET_WORKGROUP,
                  "athena:ListQueryExecutions",
                  "athena:BatchGetQueryExecution")
              .build(),
          ToolRequirements.builder(TabulatorQueryTool.NAME)
              .action(
                  "athena:ListDataCatalogs",
                  LIST_WORKGROUPS,
                  GET_WORKGROUP,
                  START,
                  GET_EXECUTION,
                  GET_RESULTS,
                  STOP)
              .bucket("bucket")
              .build(),
          ToolRequirements.builder(TabulatorTablesListTool.NAME).bucket("bucket").build(),
          ToolRequirements.builder(TabulatorTableSetTool.NAME).bucket("bucket").writes().build(),
          ToolRequirements.builder(TabulatorTableDeleteTool.NAME).bucket("bucket").writes().build(),
          ToolRequirements.builder(TabulatorTableRenameTool.NAME)
              .bucket("bucket")
              .writes()
              .build());

  private AthenaPolicy() {}
}
