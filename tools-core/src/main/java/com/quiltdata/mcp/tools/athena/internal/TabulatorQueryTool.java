package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaReason;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.ListDataCatalogsResponse;

/**
 * {@code tabulator_query}: Athena SQL over a bucket's tabulator tables (Quilt's tables over package
 * contents). The catalog is found as the Quilt catalog finds it: the first data catalog whose name
 * ends in {@code -tabulator}; the bucket is the database. Judged and run exactly as {@code
 * athena_query_execute}.
 */
final class TabulatorQueryTool extends AthenaTool {
  static final String NAME = "tabulator_query";
  private static final int MAX_PAGES = 10;

  private final QueryFlow flow;

  TabulatorQueryTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe(settings));
    this.flow = new QueryFlow(this, settings);
  }

  private static ToolDefinition describe(AthenaSettings s) {
    ObjectNode in = JsonSchema.object("bucket", "query");
    JsonSchema.property(in, "bucket", JsonSchema.bucket());
    JsonSchema.property(
        in, "query", JsonSchema.string("One read-only SQL statement over the bucket's tables"));
    QueryExecuteTool.runArguments(in, s);
    ObjectNode out = QueryExecuteTool.queryOutput();
    JsonSchema.property(out, "data_catalog_name", JsonSchema.typed("string"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Query tabulator tables",
        "Runs one read-only SQL statement on Athena over a bucket's tabulator tables (tables"
            + " Quilt defines over package contents; columns $pkg_name, $logical_key,"
            + " $physical_key, $top_hash and $issue come with every table). Same output,"
            + " progress, paging and timeout as athena_query_execute.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = args.bucket("bucket");
    String query = args.text("query");
    String workgroup = name(args, "workgroup_name");
    ReadOnlyGate.check(query, settings, context.principal());
    AwsCall call = begin(context);
    String catalog = tabulatorCatalog(call);
    ObjectNode out =
        flow.run(
            call,
            context,
            new QueryFlow.Request(
                query, catalog, bucket, workgroup, maxRows(args), format(args), timeout(args)));
    out.put("data_catalog_name", catalog);
    return ToolResult.structured(out);
  }

  private String tabulatorCatalog(AwsCall call) {
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String t = token;
      ListDataCatalogsResponse r =
          withAthena(
              call,
              "the data catalog list",
              (a, c) ->
                  a.listDataCatalogs(b -> b.nextToken(t).overrideConfiguration(c.override())));
      for (DataCatalogSummary s : r.dataCatalogsSummary()) {
        if (s.catalogName() != null && s.catalogName().endsWith("-tabulator")) {
          return s.catalogName();
        }
      }
      token = r.nextToken();
      if (token == null) {
        break;
      }
    }
    throw new ToolFailure(
        AthenaReason.NOT_FOUND,
        "No tabulator data catalog (a name ending in -tabulator) is visible to you: the Quilt"
            + " stack may not have tabulator enabled, or your role may not list data catalogs");
  }
}
