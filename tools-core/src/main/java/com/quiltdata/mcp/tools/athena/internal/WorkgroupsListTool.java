package com.quiltdata.mcp.tools.athena.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/** {@code athena_workgroups_list}: the workgroups your rights show, and the configured default. */
final class WorkgroupsListTool extends AthenaTool {
  static final String NAME = "athena_workgroups_list";
  private static final int MAX_ITEMS = 500;

  WorkgroupsListTool(AwsClients aws, AthenaSettings settings) {
    super(aws, settings, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object();
    ObjectNode wg = JsonSchema.output();
    JsonSchema.property(wg, "name", JsonSchema.typed("string"));
    JsonSchema.property(wg, "state", JsonSchema.typed("string", "null"));
    JsonSchema.property(wg, "description", JsonSchema.typed("string", "null"));
    ObjectNode out = JsonSchema.output("workgroups", "truncated");
    JsonSchema.property(out, "workgroups", JsonSchema.arrayOf(wg, "The workgroups"));
    JsonSchema.property(out, "configured_default", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    return AthenaPolicy.TABLE.definition(
        NAME,
        "Athena workgroups",
        "Lists the Athena workgroups your AWS rights show, with their state, and the server's"
            + " configured default workgroup if any.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    AwsCall call = begin(context);
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode list = out.putArray("workgroups");
    String token = null;
    boolean truncated = false;
    do {
      String t = token;
      ListWorkGroupsResponse r =
          withAthena(
              call,
              "the workgroup list",
              (a, c) -> a.listWorkGroups(b -> b.nextToken(t).overrideConfiguration(c.override())));
      for (WorkGroupSummary s : r.workGroups()) {
        if (list.size() >= MAX_ITEMS) {
          truncated = true;
          break;
        }
        list.addObject()
            .put("name", s.name())
            .put("state", s.stateAsString())
            .put("description", s.description());
      }
      token = r.nextToken();
    } while (token != null && !truncated);
    out.put("configured_default", settings.workgroup());
    out.put("truncated", truncated || token != null);
    return ToolResult.structured(out);
  }
}
