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

/** {@code athena_query_results}: a page of a finished query's rows, from a next_token on. */
final class QueryResultsTool extends AthenaTool {
  static final String NAME = "athena_query_results";

  private final ResultPages pages;

  QueryResultsTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe(settings));
    this.pages = new ResultPages(this, settings);
  }

  private static ToolDefinition describe(AthenaSettings s) {
    ObjectNode in = JsonSchema.object("query_execution_id");
    JsonSchema.property(in, "query_execution_id", JsonSchema.string("The query's execution id"));
    JsonSchema.property(
        in, "next_token", JsonSchema.string("The next_token of the previous response, unchanged"));
    JsonSchema.property(
        in,
        "max_results",
        JsonSchema.integer(
            "Most rows in this response", 1, s.maxRows(), Math.min(1000, s.maxRows())));
    JsonSchema.property(
        in, "output_format", JsonSchema.enumOf("as athena_query_execute", "json", "csv", "table"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena query rows",
        "Returns a page of the rows of a query that has succeeded (columns with types, SQL NULL"
            + " as null), continuing from next_token; read through the Athena API, not from S3.",
        in,
        QueryExecuteTool.queryOutput(),
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String id = queryId(args);
    String token = args.optionalText("next_token");
    int max = maxRows(args);
    AwsCall call = begin(context);
    ResultPages.Page page = pages.read(call, id, token, max);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query_execution_id", id);
    out.put("state", "SUCCEEDED");
    ResultPages.write(out, page, format(args));
    return ToolResult.structured(out);
  }
}
