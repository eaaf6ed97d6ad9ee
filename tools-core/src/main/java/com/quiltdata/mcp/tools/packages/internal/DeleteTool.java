package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;

/**
 * {@code package_delete}: removes one revision's pointers (or every revision's), rewrites {@code
 * latest} from the newest remaining revision, and says exactly what it removed. Manifests stay:
 * they are content-addressed and may be shared.
 */
final class DeleteTool extends PackageTool {
  static final String NAME = "package_delete";

  DeleteTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = Packages.packageInput();
    JsonSchema.property(
        in, "top_hash", Packages.topHashSchema("The revision to delete (default: every revision)"));
    ObjectNode out = JsonSchema.output("package_name", "registry", "removed");
    JsonSchema.property(out, "package_name", JsonSchema.typed("string"));
    JsonSchema.property(out, "registry", JsonSchema.typed("string"));
    JsonSchema.property(out, "removed", JsonSchema.typed("array"));
    JsonSchema.property(out, "latest", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "remaining_revisions", JsonSchema.typed("integer"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Delete a package revision",
        "Deletes one revision of a Quilt package (top_hash), or the whole package when top_hash"
            + " is not given: its pointers are removed and latest moves to the newest remaining"
            + " revision. Says which pointers went. The data objects are not touched.",
        in,
        out,
        Annotations.writes(true, true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String name = PackageNames.name(args.optionalText("package_name"), "package_name");
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String topHash = PackageNames.topHash(args.optionalText("top_hash"), "top_hash");
    PackageBackend.Deletion d = packages.backend(context).delete(context, bucket, name, topHash);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("package_name", name);
    out.put("registry", "s3://" + bucket);
    ArrayNode list = out.putArray("removed");
    for (PackageBackend.Removed r : d.removed()) {
      ObjectNode n = list.addObject();
      if (r.pointer() != null) {
        n.put("pointer", r.pointer());
      }
      n.put("top_hash", r.topHash());
    }
    out.put("latest", d.latest());
    out.put("remaining_revisions", d.remaining());
    out.put(
        "note",
        "Manifests and data objects are left in place (content-addressed and possibly shared).");
    return ToolResult.structured(out);
  }
}
