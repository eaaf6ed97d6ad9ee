package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.S3Links;
import com.quiltdata.mcp.tools.schema.Annotations;
import com.quiltdata.mcp.tools.schema.Arguments;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code package_browse}: a package revision's entries under a path, to a depth, one page at a
 * time, with its metadata, message, top hash and totals; presigned download links on request.
 */
final class BrowseTool extends PackageTool {
  static final String NAME = "package_browse";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final long LINK_SECONDS = 3600;

  BrowseTool(Packages packages) {
    super(packages, describe());
  }

  private static ToolDefinition describe() {
    ObjectNode in = Packages.packageInput();
    JsonSchema.property(
        in, "top_hash", Packages.topHashSchema("A revision's top hash (default: the latest)"));
    JsonSchema.property(
        in,
        "path",
        JsonSchema.string("Only entries under this directory (e.g. data/) or this one file")
            .put("maxLength", KeyRules.MAX_KEY_BYTES));
    JsonSchema.property(
        in, "recursive", JsonSchema.bool("Entries of subdirectories too (else one level)", true));
    JsonSchema.property(
        in,
        "max_depth",
        JsonSchema.integer("How many directory levels below path to include", 1, 1000, 1000));
    JsonSchema.property(
        in, "limit", JsonSchema.integer("Entries per page", 1, MAX_LIMIT, DEFAULT_LIMIT));
    JsonSchema.property(
        in,
        "cursor",
        JsonSchema.string("The next_cursor of the previous page").put("maxLength", 256));
    JsonSchema.property(
        in,
        "include_signed_urls",
        JsonSchema.bool(
            "Add a presigned download URL (1 hour, at most the credentials' life) to each entry"
                + " whose bucket your token grants",
            false));

    ObjectNode out =
        JsonSchema.output("package_name", "registry", "top_hash", "entries", "total_entries");
    for (String f : new String[] {"package_name", "registry", "top_hash", "path"}) {
      JsonSchema.property(out, f, JsonSchema.typed("string"));
    }
    JsonSchema.property(out, "message", JsonSchema.typed("string", "null"));
    JsonSchema.property(out, "metadata", JsonSchema.typed("object"));
    JsonSchema.property(out, "entries", JsonSchema.typed("array"));
    JsonSchema.property(out, "directories", JsonSchema.typed("array"));
    for (String f :
        new String[] {"total_entries", "total_bytes", "package_entries", "package_bytes"}) {
      JsonSchema.property(out, f, JsonSchema.typed("integer"));
    }
    JsonSchema.property(out, "truncated", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "top_hash_verified", JsonSchema.typed("boolean"));
    JsonSchema.property(out, "next_cursor", JsonSchema.typed("string", "null"));
    return PackagePolicy.TABLE.definition(
        NAME,
        "Browse a package",
        "Lists a Quilt package's entries (logical key, physical key, size, hash, metadata) under"
            + " an optional path and down to max_depth, with the package's metadata, message,"
            + " top hash and totals. Pages: pass next_cursor as cursor. Latest revision unless"
            + " top_hash is given.",
        in,
        out,
        Annotations.readOnly(true));
  }

  @Override
  protected ToolResult run(Arguments args, ToolContext context) {
    String name = PackageNames.name(args.optionalText("package_name"), "package_name");
    String bucket = PackageNames.registry(args.optionalText("registry"), "registry");
    String topHash = PackageNames.topHash(args.optionalText("top_hash"), "top_hash");
    String path = path(args.optionalText("path"));
    boolean recursive = args.flag("recursive", true);
    int depth = recursive ? (int) args.integer("max_depth", 1, 1000, 1000) : 1;
    int limit = (int) args.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    boolean links = args.flag("include_signed_urls", false);
    PackageBackend backend = packages.backend(context);
    Packages.Revision rev = backend.read(context, bucket, name, topHash);
    int offset = offset(args.optionalText("cursor"), rev.topHash());

    List<Entry> matched = new ArrayList<>();
    Map<String, long[]> dirs = new TreeMap<>();
    long matchedBytes = 0;
    for (Entry e : rev.manifest().entries()) {
      String key = e.logicalKey();
      if (!key.equals(path) && !key.startsWith(path)) {
        continue;
      }
      String rel = key.substring(key.equals(path) ? key.length() : path.length());
      int slash = rel.indexOf('/');
      if (slash > 0) {
        long[] d = dirs.computeIfAbsent(path + rel.substring(0, slash + 1), k -> new long[2]);
        d[0]++;
        d[1] += e.size();
      }
      if (levels(rel) > depth) {
        continue;
      }
      matched.add(e);
      matchedBytes += e.size();
    }
    if (matched.isEmpty() && dirs.isEmpty() && !path.isEmpty()) {
      throw ToolFailure.invalidArgument(
          "Package " + name + " has nothing under path '" + path + "'; browse without path");
    }
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("package_name", name);
    out.put("registry", "s3://" + bucket);
    out.put("top_hash", rev.topHash());
    out.put("top_hash_verified", rev.manifest().topHash().equals(rev.topHash()));
    out.put("path", path);
    out.put("message", rev.manifest().message());
    out.set("metadata", rev.manifest().userMeta());
    if (rev.manifest().meta().has("workflow")) {
      out.set("workflow", rev.manifest().meta().get("workflow"));
    }
    int end = Math.min(matched.size(), offset + limit);
    ArrayNode page = out.putArray("entries");
    AwsCredentials credentials = links ? AwsCall.begin(context).credentials() : null;
    for (int i = offset; i < end; i++) {
      ObjectNode n = entryJson(matched.get(i));
      if (links) {
        n.put("signed_url", sign(matched.get(i), credentials, context));
      }
      page.add(n);
    }
    ArrayNode dirList = out.putArray("directories");
    dirs.forEach(
        (d, c) -> dirList.addObject().put("path", d).put("entries", c[0]).put("bytes", c[1]));
    out.put("total_entries", matched.size());
    out.put("total_bytes", matchedBytes);
    out.put("package_entries", rev.manifest().entries().size());
    out.put("package_bytes", rev.manifest().totalBytes());
    out.put("truncated", end < matched.size());
    out.put("next_cursor", end < matched.size() ? cursor(end, rev.topHash()) : null);
    return ToolResult.structured(out);
  }

  /** A path argument: empty (the whole package), a directory ({@code dir/}) or one file. */
  private static String path(String value) {
    if (value == null || value.isEmpty() || value.equals("/")) {
      return "";
    }
    String p = value.startsWith("/") ? value.substring(1) : value;
    KeyRules.checkPrefix(p, "path");
    return p;
  }

  /** Directory levels below the browsed path: {@code a.csv} is 1, {@code d/a.csv} 2. */
  private static int levels(String rel) {
    if (rel.isEmpty()) {
      return 0;
    }
    int n = 1;
    for (int i = 0; i < rel.length(); i++) {
      if (rel.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }

  /** A presigned URL for an entry in a bucket the token grants, else null (never signs others). */
  private String sign(Entry e, AwsCredentials credentials, ToolContext context) {
    PhysicalKeys.Location at = PhysicalKeys.parse(e.physicalKey());
    if (at == null || !context.principal().claims().buckets().contains(at.bucket())) {
      return null;
    }
    return S3Links.get(
            packages.aws,
            credentials,
            context.clock().instant(),
            at.bucket(),
            at.key(),
            at.versionId(),
            LINK_SECONDS)
        .url();
  }

  private static String cursor(int offset, String topHash) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("browse:" + topHash + ":" + offset).getBytes(StandardCharsets.US_ASCII));
  }

  private static int offset(String cursor, String topHash) {
    if (cursor == null) {
      return 0;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      text = "";
    }
    String prefix = "browse:" + topHash + ":";
    String digits = text.startsWith(prefix) ? text.substring(prefix.length()) : "";
    if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)) {
      throw ToolFailure.invalidArgument(
          "Argument 'cursor' is not a next_cursor of this revision; browse without cursor to"
              + " start over");
    }
    return Integer.parseInt(digits);
  }
}
