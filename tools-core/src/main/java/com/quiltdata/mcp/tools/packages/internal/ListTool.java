package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.regex.Pattern;

/** {@code packages_list}: the package names of a registry, in name order, one page at a time. */
final class ListTool extends PackageTool {
  static final String NAME = "packages_list";
  static final int MAX_LIMIT = 1000;
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_/-]{0,201}");

  ListTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = JsonSchema.object("registry");
    JsonSchema.property(in, "registry", Packages.registrySchema());
    JsonSchema.property(
        in,
        "prefix",
        JsonSchema.string("Only names starting with this, e.g. examples/").put("maxLength", 201));
    JsonSchema.property(in, "limit", JsonSchema.integer("Names per page", 1, MAX_LIMIT, 100));
    JsonSchema.property(
        in,
        "cursor",
        JsonSchema.string("The next_cursor of the previous page").put("maxLength", 201));
    ObjectNode out = JsonSchema.output("registry", "packages");
    JsonSchema.property(out, "registry", JsonSchema.typed("string"));
    JsonSchema.property(out, "packages", JsonSchema.typed("array"));
    JsonSchema.property(out, "next_cursor", JsonSchema.typed("string", "null"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "List packages",
        "Lists the Quilt package names (user/name) of a registry bucket in name order, optionally"
            + " only those starting with prefix. Pages: pass next_cursor as cursor.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String prefix = args.optionalText("prefix");
    prefix = prefix == null ? "" : prefix;
    if (!PREFIX.matcher(prefix).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument 'prefix' may only hold the characters of package names (letters, digits, '_',"
              + " '-', '/')");
    }
    String cursor = args.optionalText("cursor");
    if (cursor != null) {
      PackageNames.name(cursor, "cursor");
    }
    int limit = (int) args.integer("limit", 1, MAX_LIMIT, 100);
    S3Registry.NamePage page =
        packages.backend(context).names(context, bucket, prefix, cursor, limit);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("registry", "s3://" + bucket);
    ArrayNode names = out.putArray("packages");
    page.names().forEach(names::add);
    out.put(
        "next_cursor",
        page.more() && !page.names().isEmpty() ? page.names().get(page.names().size() - 1) : null);
    return ToolResult.structured(out);
  }
}
