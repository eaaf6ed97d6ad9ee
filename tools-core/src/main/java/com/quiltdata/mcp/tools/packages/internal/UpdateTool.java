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
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code package_update}: a new revision on top of the latest. Existing entries are kept exactly
 * (hash, size, physical key, metadata); new objects are added (replacing an entry of the same
 * logical key), {@code remove} drops entries, metadata is merged key by key.
 */
final class UpdateTool extends PackageTool {
  static final String NAME = "package_update";
  static final int MAX_REMOVE = 10_000;

  private final Writes writes;

  UpdateTool(Packages packages, Writes writes) {
    super(packages, describe(packages.settings.maxNewEntries()));
    this.writes = writes;
  }

  private static ToolDefinition describe(int maxEntries) {
    ObjectNode in = Packages.packageInput();
    JsonSchema.property(in, "s3_uris", Packages.s3UrisSchema(maxEntries));
    JsonSchema.property(
        in,
        "metadata",
        JsonSchema.anyObject("Metadata merged into the package's: keys given replace keys kept"));
    JsonSchema.property(
        in, "message", JsonSchema.string("Commit message").put("maxLength", 10_000));
    JsonSchema.property(
        in,
        "flatten",
        JsonSchema.bool("Logical key = the file name (true) or the whole S3 key (false)", true));
    JsonSchema.property(
        in,
        "remove",
        JsonSchema.strings("Logical keys to drop from the package").put("maxItems", MAX_REMOVE));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Update a package",
        "Makes a new revision of a Quilt package on top of its latest: keeps every existing entry"
            + " as it is, adds objects and prefixes from s3_uris (an entry of the same logical"
            + " key is replaced), drops the logical keys in remove, and merges metadata.",
        in,
        CreateTool.writeOutput(),
        Annotations.writes(false, false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String name = PackageNames.name(args.optionalText("package_name"), "package_name");
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    List<String> uris = args.texts("s3_uris", packages.settings.maxNewEntries());
    List<String> remove = args.texts("remove", MAX_REMOVE);
    for (String key : remove) {
      KeyRules.check(key, "remove");
    }
    ObjectNode metadata = packages.metadata(args.object("metadata"), "metadata");
    if (uris.isEmpty() && remove.isEmpty() && metadata == null && !args.has("message")) {
      throw ToolFailure.invalidArgument(
          "Nothing to update: give s3_uris, remove, metadata or message");
    }
    PackageBackend backend = packages.backend(context);
    Packages.Revision latest = backend.read(context, bucket, name, null);
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Entry e : latest.manifest().entries()) {
      entries.put(e.logicalKey(), e);
    }
    List<String> missing = new ArrayList<>();
    for (String key : remove) {
      if (entries.remove(key) == null) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw ToolFailure.invalidArgument(
          "Argument 'remove' names logical keys the package does not have: "
              + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
              + ". Browse the package for its keys");
    }
    if (!uris.isEmpty()) {
      for (Entry e :
          new EntrySources(packages)
              .entries(AwsCall.begin(context), context, uris, args.flag("flatten", true))) {
        entries.put(e.logicalKey(), e);
      }
    }
    ObjectNode meta = latest.manifest().meta().deepCopy();
    meta.put("message", args.optionalText("message"));
    if (metadata != null) {
      ObjectNode merged = latest.manifest().userMeta();
      merged.setAll(metadata);
      meta.set("user_meta", packages.metadata(merged, "metadata (merged)"));
    }
    Manifest next =
        new Manifest(meta, new ArrayList<>(entries.values()), latest.manifest().directoryMeta());
    ObjectNode out = writes.write(context, backend, bucket, name, next, null, "updated");
    out.put("previous_top_hash", latest.topHash());
    return ToolResult.structured(out);
  }
}
