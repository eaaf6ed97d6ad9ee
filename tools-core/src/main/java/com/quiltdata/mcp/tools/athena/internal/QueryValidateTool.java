package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code athena_query_validate}: the judgment athena_query_execute applies, without running
 * anything: whether the statement would be accepted, its keyword and the reason.
 */
final class QueryValidateTool extends AthenaTool {
  static final String NAME = "athena_query_validate";

  QueryValidateTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("query");
    JsonSchema.property(in, "query", JsonSchema.string("The SQL to judge"));
    ObjectNode out = JsonSchema.output("valid", "read_only", "keyword", "reason");
    JsonSchema.property(out, "valid", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "read_only", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "keyword", JsonSchema.typed("string"));
    JsonSchema.property(out, "reason", JsonSchema.typed("string"));
    JsonSchema.property(out, "refusal", JsonSchema.typed("string", "null"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Check an Athena query",
        "Says whether athena_query_execute would accept a statement on this server and why:"
            + " its leading keyword is judged with comments and string literals removed. Nothing"
            + " is sent to AWS.",
        in,
        out,
        Annotations.readOnly(false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String query = args.text("query");
    StatementJudge.Judgment j = StatementJudge.judge(query);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("read_only", j.readOnly());
    out.put("keyword", j.keyword());
    out.put("reason", j.reason());
    try {
      ReadOnlyGate.check(query, settings, context.principal());
      out.put("valid", true);
      out.putNull("refusal");
    } catch (ToolFailure f) {
      out.put("valid", false);
      out.put("refusal", f.reason() + ": " + f.getMessage());
    }
    return ToolResult.structured(out);
  }
}
