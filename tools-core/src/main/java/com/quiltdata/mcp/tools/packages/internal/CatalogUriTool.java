package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.util.regex.Pattern;

/**
 * {@code catalog_uri}: a {@code quilt+s3://} URI naming a bucket, a package, a revision, a path.
 */
final class CatalogUriTool extends PackageTool {
  static final String NAME = "catalog_uri";
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  CatalogUriTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = CatalogUrlTool.linkInput();
    JsonSchema.property(
        in,
        "tag",
        JsonSchema.string("A tag such as latest (instead of top_hash)").put("maxLength", 64));
    ObjectNode out = JsonSchema.output("uri");
    JsonSchema.property(out, "uri", JsonSchema.typed("string"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Quilt URI",
        "Builds a quilt+s3:// URI for a bucket, a package (optionally @top_hash or :tag) and a"
            + " path, as quilt3 and the catalog read them. Nothing is fetched.",
        in,
        out,
        Annotations.readOnly(false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String name = args.optionalText("package_name");
    if (name != null) {
      PackageNames.name(name, "package_name");
    }
    String path = args.optionalText("path");
    if (path != null) {
      KeyRules.checkPrefix(path, "path");
    }
    String hash = PackageNames.topHash(args.optionalText("top_hash"), "top_hash");
    String tag = args.optionalText("tag");
    if (tag != null && (hash != null || !TAG.matcher(tag).matches())) {
      throw ToolFailure.invalidArgument(
          "Argument 'tag' must be letters, digits, '_', '.' or '-' and not be given with top_hash");
    }
    if (name == null && (hash != null || tag != null)) {
      throw ToolFailure.invalidArgument("top_hash and tag need package_name");
    }
    return ToolResult.structured(
        JsonSchema.NODES.objectNode().put("uri", CatalogLinks.uri(bucket, name, hash, tag, path)));
  }
}
