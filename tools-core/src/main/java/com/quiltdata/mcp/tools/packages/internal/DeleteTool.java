package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;

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
    AwsCall call = AwsCall.begin(context);
    List<S3Registry.Pointer> pointers = packages.registry.pointers(call, bucket, name);
    if (pointers.isEmpty()) {
      throw new ToolFailure(
          PackageReason.NO_SUCH_PACKAGE, "No package " + name + " in registry s3://" + bucket);
    }
    List<S3Registry.Pointer> removed = new ArrayList<>();
    List<S3Registry.Pointer> kept = new ArrayList<>();
    for (S3Registry.Pointer p : pointers) {
      boolean goes = topHash == null || p.topHash().equals(topHash);
      if (p.name().equals(S3Registry.LATEST)) {
        continue; // decided below
      }
      (goes ? removed : kept).add(p);
    }
    S3Registry.Pointer latest =
        pointers.stream().filter(p -> p.name().equals(S3Registry.LATEST)).findFirst().orElse(null);
    String newLatest = kept.isEmpty() ? null : kept.get(kept.size() - 1).topHash();
    boolean latestGoes =
        latest != null
            && newLatest == null
            && (topHash == null || latest.topHash().equals(topHash) || !removed.isEmpty());
    if (removed.isEmpty() && !latestGoes) {
      throw new ToolFailure(
          PackageReason.NO_SUCH_REVISION,
          "Package " + name + " has no revision " + topHash + "; nothing was deleted");
    }
    List<S3Registry.Pointer> toDelete = new ArrayList<>(removed);
    if (latestGoes) {
      toDelete.add(latest);
    }
    // Latest moves first, so a reader never follows it to a revision being removed.
    if (newLatest != null && (latest == null || !latest.topHash().equals(newLatest))) {
      packages.registry.setLatest(call, bucket, name, newLatest);
    }
    packages.registry.deletePointers(call, bucket, name, toDelete);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("package_name", name);
    out.put("registry", "s3://" + bucket);
    ArrayNode list = out.putArray("removed");
    for (S3Registry.Pointer p : toDelete) {
      list.addObject().put("pointer", p.name()).put("top_hash", p.topHash());
    }
    out.put("latest", newLatest);
    out.put("remaining_revisions", kept.size());
    out.put(
        "note",
        "Manifests and data objects are left in place (content-addressed and possibly shared).");
    return ToolResult.structured(out);
  }
}
