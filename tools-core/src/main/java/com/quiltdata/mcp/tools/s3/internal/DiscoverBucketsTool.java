package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code discover_buckets}: the buckets the caller's token grants and what it allows there, read
 * from the verified claims alone (no S3 request). Claims only narrow access: AWS still decides with
 * the credentials the registry issues. A {@code *} bucket claim is not a wildcard; it was dropped
 * when the token was verified and only shows up as a claim warning.
 */
final class DiscoverBucketsTool implements Tool {
  static final String NAME = "discover_buckets";

  private final ToolDefinition definition;
  private final List<ToolRequirements> bucketTools;

  DiscoverBucketsTool(List<ToolRequirements> bucketTools) {
    this.bucketTools = List.copyOf(bucketTools);
    ObjectNode in = JsonSchema.object();
    ObjectNode out = JsonSchema.output("buckets", "count", "actions");
    JsonSchema.property(out, "buckets", JsonSchema.typed("array"));
    JsonSchema.property(out, "count", JsonSchema.typed("integer"));
    JsonSchema.property(out, "actions", JsonSchema.typed("array"));
    JsonSchema.property(out, "claim_warnings", JsonSchema.typed("array"));
    JsonSchema.property(out, "note", JsonSchema.typed("string"));
    this.definition =
        S3Policy.TABLE.definition(
            NAME,
            "Discover buckets",
            "Lists the S3 buckets your Quilt token grants, with the actions it allows and the"
                + " bucket tools you can use in each. Read from the token alone; AWS may"
                + " still refuse what your role does not allow.",
            in,
            out,
            Annotations.readOnly(false));
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult call(ObjectNode arguments, ToolContext context) {
    Principal principal = context.principal();
    QuiltClaims claims = principal.claims();
    List<String> s3Actions = new ArrayList<>();
    for (String p : claims.permissions()) {
      if (p.startsWith("s3:")) {
        s3Actions.add(p);
      }
    }
    List<String> usable = new ArrayList<>();
    for (ToolRequirements r : bucketTools) {
      if (claims.permissions().containsAll(r.actions())) {
        usable.add(r.tool());
      }
    }
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode buckets = out.putArray("buckets");
    for (String bucket : claims.buckets()) {
      ObjectNode b = buckets.addObject();
      b.put("name", bucket);
      b.put("s3_uri", "s3://" + bucket + "/");
      ArrayNode actions = b.putArray("actions");
      s3Actions.forEach(actions::add);
      ArrayNode tools = b.putArray("tools");
      usable.forEach(tools::add);
    }
    out.put("count", claims.buckets().size());
    ArrayNode all = out.putArray("actions");
    claims.permissions().forEach(all::add);
    ArrayNode warnings = out.putArray("claim_warnings");
    claims.warnings().forEach(warnings::add);
    out.put(
        "note",
        claims.buckets().isEmpty()
            ? "Your token grants no buckets, so the bucket tools will refuse every bucket. Sign in"
                + " to the Quilt catalog with an account that has bucket access."
            : "Access is decided by AWS with the credentials the Quilt registry issues for you;"
                + " the token can only narrow it.");
    return ToolResult.structured(out);
  }

  @Override
  public String toString() {
    return "Tool[" + NAME + "]";
  }
}
