package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packages in the registry bucket's S3, in quilt3's format v1, on the caller's AWS credentials.
 * Search is a name match over each bucket's package names; buckets come from the verified token.
 */
final class S3Backend implements PackageBackend {
  /** Most names one bucket contributes to a name search. */
  static final int SEARCH_NAMES = 10_000;

  private final PackageSettings settings;
  private final S3Registry registry;

  S3Backend(PackageSettings settings, S3Registry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public Packages.Revision read(ToolContext context, String bucket, String name, String topHash) {
    AwsCall call = AwsCall.begin(context);
    String hash = topHash != null ? topHash : registry.latest(call, bucket, name);
    Manifest m =
        registry.read(call, bucket, name, hash, topHash == null, settings.maxManifestEntries());
    return new Packages.Revision(hash, m);
  }

  @Override
  public Written write(
      ToolContext context, String bucket, String name, Manifest manifest, String workflow) {
    if (workflow != null) {
      throw ToolFailure.invalidArgument(
          "Argument 'workflow' needs the catalog's GraphQL backend to validate it, which this"
              + " server does not use for registry s3://"
              + bucket
              + "; omit workflow");
    }
    S3Registry.Pointer p = registry.write(AwsCall.begin(context), bucket, name, manifest);
    return new Written(p.topHash(), p.name());
  }

  @Override
  public Deletion delete(ToolContext context, String bucket, String name, String topHash) {
    AwsCall call = AwsCall.begin(context);
    List<S3Registry.Pointer> pointers = registry.pointers(call, bucket, name);
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
      registry.setLatest(call, bucket, name, newLatest);
    }
    registry.deletePointers(call, bucket, name, toDelete);
    List<Removed> out = new ArrayList<>();
    for (S3Registry.Pointer p : toDelete) {
      out.add(new Removed(p.name(), p.topHash()));
    }
    return new Deletion(out, newLatest, kept.size());
  }

  @Override
  public S3Registry.NamePage names(
      ToolContext context, String bucket, String prefix, String cursor, int limit) {
    return registry.names(AwsCall.begin(context), bucket, prefix, cursor, limit);
  }

  @Override
  public ObjectNode search(
      ToolContext context, String query, List<String> buckets, int limit, String cursor) {
    if (cursor != null) {
      throw ToolFailure.invalidArgument(
          "Argument 'cursor' is not a next_cursor of a name search: a name search returns one"
              + " page; narrow the query instead");
    }
    String needle = query.toLowerCase(Locale.ROOT);
    AwsCall call = AwsCall.begin(context);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("query", query);
    out.put("mode", "name match (the catalog's search is not used)");
    ArrayNode results = out.putArray("results");
    List<String> skipped = new ArrayList<>();
    int found = 0;
    for (String bucket : buckets) {
      AwsCall.checkCancelled(context);
      S3Registry.NamePage page;
      try {
        page = registry.names(call, bucket, "", null, SEARCH_NAMES);
      } catch (ToolFailure f) {
        skipped.add(bucket + " (" + f.reason().name() + ")");
        continue;
      }
      for (String n : page.names()) {
        if (n.toLowerCase(Locale.ROOT).contains(needle) && found < limit) {
          results.addObject().put("bucket", bucket).put("name", n);
          found++;
        }
      }
    }
    if (!skipped.isEmpty()) {
      ArrayNode s = out.putArray("skipped_buckets");
      skipped.forEach(s::add);
    }
    out.putNull("next_cursor");
    return out;
  }

  @Override
  public ObjectNode buckets(ToolContext context) {
    ObjectNode out = JsonSchema.NODES.objectNode();
    ArrayNode buckets = out.putArray("buckets");
    for (String b : context.principal().claims().buckets()) {
      ObjectNode n = buckets.addObject().put("name", b);
      n.putNull("title");
      n.putNull("description");
      n.put("s3_uri", "s3://" + b);
      n.put("catalog_url", CatalogLinks.bucketUrl(settings, b, ""));
    }
    out.put("source", "token");
    return out;
  }
}
