package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.catalog.CatalogFailures;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Packages through the catalog's GraphQL with the caller's token: {@code package/revision} with
 * {@code contentsFlatMap} (or, for a package too large for it, a walk of {@code dir(path)}) to
 * read, {@code packageConstruct} to write, {@code packageRevisionDelete} to delete, {@code
 * packages} to list; search and buckets in {@link GraphqlDiscovery}.
 */
final class GraphqlBackend implements PackageBackend {
  /** Entries {@code contentsFlatMap} is asked for; a larger package is walked by directory. */
  static final int FLAT_MAP_MAX = 1000;

  /** Package names asked for per page of {@code packages}. */
  static final int NAMES_PER_PAGE = 1000;

  /** Most pages of {@code packages} one list call reads. */
  static final int MAX_NAME_PAGES = 100;

  /** Revisions asked for per page, and the most a whole-package delete removes. */
  static final int REVISIONS_PER_PAGE = 100;

  static final int MAX_REVISIONS = 10_000;

  static final String READ =
      "query($bucket: String!, $name: String!, $hash: String!, $max: Int!) {"
          + " package(bucket: $bucket, name: $name) { revision(hashOrTag: $hash) {"
          + " hash message userMeta totalEntries totalBytes contentsFlatMap(max: $max) } } }";

  static final String CONSTRUCT =
      "mutation($params: PackagePushParams!, $src: PackageConstructSource!) {"
          + " packageConstruct(params: $params, src: $src) { __typename"
          + " ... on PackagePushSuccess { package { name } revision { hash } }"
          + " ... on InvalidInput { errors { path message name context } }"
          + " ... on OperationError { message name context } } }";

  static final String REVISIONS =
      "query($bucket: String!, $name: String!, $number: Int!, $perPage: Int!) {"
          + " package(bucket: $bucket, name: $name) { revision { hash }"
          + " revisions { total page(number: $number, perPage: $perPage) { hash } } } }";

  static final String DELETE =
      "mutation($bucket: String!, $name: String!, $hash: String!) {"
          + " packageRevisionDelete(bucket: $bucket, name: $name, hash: $hash) { __typename"
          + " ... on PackageRevisionDeleteSuccess { _ }"
          + " ... on OperationError { message name context } } }";

  static final String NAMES =
      "query($bucket: String!, $filter: String, $number: Int!, $perPage: Int!) {"
          + " packages(bucket: $bucket, filter: $filter) {"
          + " total page(number: $number, perPage: $perPage, order: NAME) { name } } }";

  private final PackageSettings settings;
  private final CatalogClient client;
  private final GraphqlDiscovery discovery;

  GraphqlBackend(PackageSettings settings, CatalogClient client) {
    this.settings = settings;
    this.client = client;
    this.discovery = new GraphqlDiscovery(settings, client);
  }

  @Override
  public String name() {
    return "graphql";
  }

  @Override
  public Packages.Revision read(ToolContext context, String bucket, String name, String topHash) {
    ObjectNode vars = packageVars(bucket, name);
    vars.put("hash", topHash == null ? "latest" : topHash).put("max", FLAT_MAP_MAX);
    JsonNode rev = revisionOf(context, vars, bucket, name, topHash, READ, "read package " + name);
    long total = rev.path("totalEntries").asLong(0);
    if (total > settings.maxManifestEntries()) {
      throw tooMany(name, total, settings.maxManifestEntries());
    }
    List<Entry> entries = new ArrayList<>();
    JsonNode flat = rev.path("contentsFlatMap");
    if (flat.isObject()) {
      flat.fields()
          .forEachRemaining(
              f -> {
                JsonNode v = f.getValue();
                entries.add(
                    new Entry(
                        f.getKey(),
                        v.path("physicalKey").asText(null),
                        v.path("size").asLong(),
                        v.path("hash").path("type").asText(null),
                        v.path("hash").path("value").asText(null),
                        meta(v.path("meta"))));
              });
    } else {
      new DirectoryWalk(client, settings.maxManifestEntries())
          .files(context, bucket, name, rev.path("hash").asText(), entries);
    }
    ObjectNode meta = JsonSchema.NODES.objectNode().put("version", "v0");
    meta.put("message", rev.path("message").isTextual() ? rev.get("message").asText() : null);
    if (rev.path("userMeta").isObject()) {
      meta.set("user_meta", rev.get("userMeta"));
    }
    return new Packages.Revision(rev.path("hash").asText(), new Manifest(meta, entries, List.of()));
  }

  @Override
  public Written write(
      ToolContext context, String bucket, String name, Manifest manifest, String workflow) {
    ObjectNode vars = JsonSchema.NODES.objectNode();
    ObjectNode params = vars.putObject("params").put("bucket", bucket).put("name", name);
    params.put("message", manifest.message());
    if (manifest.meta().get("user_meta") instanceof ObjectNode u) {
      params.set("userMeta", u);
    }
    if (workflow != null) {
      params.put("workflow", workflow);
    }
    ArrayNode entries = vars.putObject("src").putArray("entries");
    for (Entry e : manifest.entries()) {
      ObjectNode n = entries.addObject();
      n.put("logicalKey", e.logicalKey()).put("physicalKey", e.physicalKey()).put("size", e.size());
      if (e.hashType() != null && e.hashValue() != null) {
        n.putObject("hash").put("type", e.hashType()).put("value", e.hashValue());
      }
      n.set("meta", e.meta());
    }
    String what = "create a revision of " + name + " in s3://" + bucket;
    JsonNode result =
        CatalogFailures.union(
            client.query(context, CONSTRUCT, vars, what).get("packageConstruct"),
            what,
            "PackagePushSuccess");
    return new Written(result.path("revision").path("hash").asText(), null);
  }

  @Override
  public Deletion delete(ToolContext context, String bucket, String name, String topHash) {
    List<String> hashes = revisions(context, bucket, name);
    List<String> doomed =
        topHash == null ? hashes : hashes.contains(topHash) ? List.of(topHash) : List.of();
    if (doomed.isEmpty()) {
      throw new ToolFailure(
          PackageReason.NO_SUCH_REVISION,
          "Package " + name + " has no revision " + topHash + "; nothing was deleted");
    }
    List<Removed> removed = new ArrayList<>();
    for (String hash : doomed) {
      ObjectNode vars = packageVars(bucket, name).put("hash", hash);
      String what = "delete revision " + hash + " of " + name;
      try {
        CatalogFailures.union(
            client.query(context, DELETE, vars, what).get("packageRevisionDelete"),
            what,
            "PackageRevisionDeleteSuccess");
      } catch (ToolFailure f) {
        if (removed.isEmpty()) {
          throw f;
        }
        ObjectNode details = f.details() != null ? f.details() : JsonSchema.NODES.objectNode();
        ArrayNode list = details.putArray("removed");
        removed.forEach(r -> list.addObject().put("top_hash", r.topHash()));
        throw new ToolFailure(
            f.reason(),
            f.getMessage() + ". Removed before that: " + removed.size() + " revision(s)",
            details);
      }
      removed.add(new Removed(null, hash));
    }
    ObjectNode vars = packageVars(bucket, name).put("number", 1).put("perPage", 1);
    JsonNode left = client.query(context, REVISIONS, vars, "read package " + name).path("package");
    String latest = left.path("revision").path("hash").asText(null);
    return new Deletion(removed, latest, left.path("revisions").path("total").asInt(0));
  }

  /** Every revision hash of a package, newest first. */
  private List<String> revisions(ToolContext context, String bucket, String name) {
    List<String> out = new ArrayList<>();
    for (int number = 1; ; number++) {
      ObjectNode vars =
          packageVars(bucket, name).put("number", number).put("perPage", REVISIONS_PER_PAGE);
      JsonNode pkg = client.query(context, REVISIONS, vars, "read package " + name).path("package");
      if (!pkg.isObject()) {
        throw noSuchPackage(bucket, name);
      }
      int total = pkg.path("revisions").path("total").asInt(0);
      if (total > MAX_REVISIONS) {
        throw new ToolFailure(
            PackageReason.TOO_LARGE,
            "Package "
                + name
                + " has "
                + total
                + " revisions; at most "
                + MAX_REVISIONS
                + " are deleted at once: delete them one top_hash at a time");
      }
      JsonNode page = pkg.path("revisions").path("page");
      page.forEach(r -> out.add(r.path("hash").asText()));
      if (page.size() < REVISIONS_PER_PAGE || out.size() >= total) {
        return out;
      }
    }
  }

  @Override
  public S3Registry.NamePage names(
      ToolContext context, String bucket, String prefix, String cursor, int limit) {
    List<String> names = new ArrayList<>();
    for (int number = 1; number <= MAX_NAME_PAGES; number++) {
      ObjectNode vars = JsonSchema.NODES.objectNode().put("bucket", bucket);
      vars.put("filter", prefix.isEmpty() ? null : prefix);
      vars.put("number", number).put("perPage", NAMES_PER_PAGE);
      JsonNode list =
          client
              .query(context, NAMES, vars, "list the packages of s3://" + bucket)
              .path("packages");
      if (!list.isObject()) {
        throw new ToolFailure(
            CommonReason.INVALID_ARGUMENT,
            "The Quilt catalog knows no registry s3://"
                + bucket
                + " that you may read; bucket_list shows yours");
      }
      JsonNode page = list.path("page");
      for (JsonNode p : page) {
        String n = p.path("name").asText();
        if (n.startsWith(prefix) && (cursor == null || n.compareTo(cursor) > 0)) {
          names.add(n);
          if (names.size() > limit) {
            return new S3Registry.NamePage(names.subList(0, limit), true);
          }
        }
      }
      if (page.size() < NAMES_PER_PAGE) {
        return new S3Registry.NamePage(names, false);
      }
    }
    return new S3Registry.NamePage(names, !names.isEmpty());
  }

  @Override
  public ObjectNode search(
      ToolContext context, String query, List<String> buckets, int limit, String cursor) {
    return discovery.search(context, query, buckets, limit, cursor);
  }

  @Override
  public ObjectNode buckets(ToolContext context) {
    return discovery.buckets(context);
  }

  private JsonNode revisionOf(
      ToolContext context,
      ObjectNode vars,
      String bucket,
      String name,
      String topHash,
      String query,
      String what) {
    JsonNode pkg = client.query(context, query, vars, what).path("package");
    if (!pkg.isObject()) {
      throw noSuchPackage(bucket, name);
    }
    JsonNode rev = pkg.path("revision");
    if (!rev.isObject()) {
      if (topHash == null) {
        throw noSuchPackage(bucket, name);
      }
      throw new ToolFailure(
          PackageReason.NO_SUCH_REVISION,
          "Package "
              + name
              + " has no revision "
              + topHash
              + " in s3://"
              + bucket
              + ". Browse without top_hash for the latest");
    }
    return rev;
  }

  static ObjectNode packageVars(String bucket, String name) {
    return JsonSchema.NODES.objectNode().put("bucket", bucket).put("name", name);
  }

  static ObjectNode meta(JsonNode node) {
    return node instanceof ObjectNode o ? o.deepCopy() : JsonSchema.NODES.objectNode();
  }

  private static ToolFailure noSuchPackage(String bucket, String name) {
    return new ToolFailure(
        PackageReason.NO_SUCH_PACKAGE,
        "No package "
            + name
            + " in registry s3://"
            + bucket
            + " that the catalog shows you. Check the name with packages_list");
  }

  static ToolFailure tooMany(String name, long entries, int max) {
    return new ToolFailure(
        PackageReason.TOO_LARGE,
        "Package "
            + name
            + " has more than "
            + max
            + " entries ("
            + entries
            + "); at most MCP_PACKAGE_MAX_ENTRIES are read");
  }
}
