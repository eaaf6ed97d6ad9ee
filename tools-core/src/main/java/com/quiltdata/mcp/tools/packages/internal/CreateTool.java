package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;

/**
 * {@code package_create}: a new revision of a package from objects and prefixes. Entries are
 * checked and hashed before anything is written; then the manifest, the timestamp pointer and
 * {@code latest} are written in that order.
 */
final class CreateTool extends PackageTool {
  static final String NAME = "package_create";

  private final Writes writes;

  CreateTool(Packages packages, Writes writes) {
    super(packages, describe(packages.settings.maxNewEntries()));
    this.writes = writes;
  }

  static ObjectNode writeOutput() {
    ObjectNode out = JsonSchema.output("package_name", "registry", "top_hash", "entries");
    for (String f : new String[] {"package_name", "registry", "top_hash", "pointer", "backend"}) {
      JsonSchema.property(out, f, JsonSchema.typed("string"));
    }
    JsonSchema.property(out, "entries", JsonSchema.typed("integer"));
    JsonSchema.property(out, "bytes", JsonSchema.typed("integer"));
    JsonSchema.property(out, "catalog_url", JsonSchema.typed("string", "null"));
    return out;
  }

  private static ToolDefinition describe(int maxEntries) {
    ObjectNode in = Packages.packageInput("s3_uris");
    JsonSchema.property(in, "s3_uris", Packages.s3UrisSchema(maxEntries).put("minItems", 1));
    JsonSchema.property(in, "metadata", JsonSchema.anyObject("Package metadata (user_meta)"));
    JsonSchema.property(
        in, "message", JsonSchema.string("Commit message").put("maxLength", 10_000));
    JsonSchema.property(
        in,
        "flatten",
        JsonSchema.bool("Logical key = the file name (true) or the whole S3 key (false)", true));
    JsonSchema.property(
        in,
        "copy",
        JsonSchema.bool(
            "Copy the objects into the registry bucket under package_name/ (else reference them"
                + " where they are)",
            false));
    JsonSchema.property(
        in,
        "workflow",
        JsonSchema.string("Workflow id to validate against (needs the catalog backend)")
            .put("maxLength", 256));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Create a package revision",
        "Creates a revision of a Quilt package from S3 objects (s3://bucket/key) and prefixes"
            + " (s3://bucket/dir/ adds everything under it), with optional metadata and"
            + " message. Entries are hashed as quilt3 does; the revision becomes latest.",
        in,
        writeOutput(),
        Annotations.writes(false, false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String name = PackageNames.name(args.optionalText("package_name"), "package_name");
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    List<String> uris = args.texts("s3_uris", packages.settings.maxNewEntries());
    if (uris.isEmpty()) {
      throw ToolFailure.invalidArgument("Argument 's3_uris' must name at least one object");
    }
    ObjectNode metadata = packages.metadata(args.object("metadata"), "metadata");
    String message = args.optionalText("message");
    boolean flatten = args.flag("flatten", true);
    boolean copy = args.flag("copy", false);
    String workflow = args.optionalText("workflow");
    AwsCall call = AwsCall.begin(context);
    List<Entry> entries = new EntrySources(packages).entries(call, context, uris, flatten);
    if (copy) {
      entries = writes.copyIntoRegistry(call, context, bucket, name, entries);
    }
    ObjectNode meta = JsonSchema.NODES.objectNode().put("version", "v0");
    meta.put("message", message);
    if (metadata != null) {
      meta.set("user_meta", metadata);
    }
    Manifest manifest = new Manifest(meta, entries, List.of());
    return ToolResult.structured(
        writes.write(
            context, packages.backend(context), bucket, name, manifest, workflow, "created"));
  }
}
