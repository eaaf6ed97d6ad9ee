package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import com.quiltdata.mcp.tools.schema.KeyRules;

/** {@code catalog_url}: a link to a package or a bucket path in the Quilt catalog. */
final class CatalogUrlTool extends PackageTool {
  static final String NAME = "catalog_url";

  CatalogUrlTool(Packages packages) {
    super(packages, describe());
  }

  static ObjectNode linkInput() {
    ObjectNode in = JsonSchema.object("registry");
    JsonSchema.property(in, "registry", Packages.registrySchema());
    JsonSchema.property(
        in, "package_name", Packages.packageNameSchema("A package (else the bucket view)"));
    JsonSchema.property(
        in,
        "path",
        JsonSchema.string("A path inside the package or bucket")
            .put("maxLength", KeyRules.MAX_KEY_BYTES));
    JsonSchema.property(in, "top_hash", Packages.topHashSchema("A package revision"));
    return in;
  }

  private static ToolDefinition describe() {
    ObjectNode out = JsonSchema.output("url");
    JsonSchema.property(out, "url", JsonSchema.typed("string"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Catalog link",
        "Builds a Quilt catalog URL for a package (optionally a revision and a path in it) or for"
            + " a path in a bucket. Nothing is fetched.",
        linkInput(),
        out,
        Annotations.readOnly(false));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String name = args.optionalText("package_name");
    String path = args.optionalText("path");
    if (path != null) {
      KeyRules.checkPrefix(path, "path");
    }
    String hash = PackageNames.topHash(args.optionalText("top_hash"), "top_hash");
    if (packages.settings.catalogUrl() == null) {
      throw new ToolFailure(
          PackageReason.NOT_CONFIGURED,
          "This server has no catalog URL (QUILT_CATALOG_URL), so it cannot build catalog links;"
              + " use catalog_uri for a quilt+s3:// URI instead");
    }
    String url =
        name == null
            ? CatalogLinks.bucketUrl(packages.settings, bucket, path)
            : CatalogLinks.packageUrl(
                packages.settings, bucket, PackageNames.name(name, "package_name"), hash, path);
    return ToolResult.structured(JsonSchema.NODES.objectNode().put("url", url));
  }
}
