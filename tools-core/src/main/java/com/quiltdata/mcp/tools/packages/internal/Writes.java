package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.schema.JsonSchema;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;

/** Where a new revision is written, and the copying of entries into the registry. */
final class Writes {
  private final Packages packages;

  Writes(Packages packages) {
    this.packages = packages;
  }

  /**
   * Writes the revision through the call's backend and describes it.
   *
   * @param workflow a workflow id; only the catalog can validate one
   */
  ObjectNode write(
      ToolContext context,
      PackageBackend backend,
      String bucket,
      String name,
      Manifest manifest,
      String workflow,
      String verb) {
    PackageBackend.Written p = backend.write(context, bucket, name, manifest, workflow);
    ObjectNode out = JsonSchema.NODES.objectNode();
    out.put("package_name", name);
    out.put("registry", "s3://" + bucket);
    out.put("top_hash", p.topHash());
    if (p.pointer() != null) {
      out.put("pointer", p.pointer());
    }
    out.put("backend", backend.name());
    out.put("entries", manifest.entries().size());
    out.put("bytes", manifest.totalBytes());
    out.put("status", verb);
    out.put(
        "catalog_url", CatalogLinks.packageUrl(packages.settings, bucket, name, p.topHash(), ""));
    return out;
  }

  /** Copies every entry's object to {@code s3://registry/<name>/<logical key>}. */
  List<Entry> copyIntoRegistry(
      AwsCall call, ToolContext context, String bucket, String name, List<Entry> entries) {
    S3Client s3 = packages.aws.s3();
    AtomicInteger done = new AtomicInteger();
    return Fanout.map(
        entries.size(),
        packages.settings.hashConcurrency(),
        context,
        i -> {
          Entry e = entries.get(i);
          PhysicalKeys.Location from = PhysicalKeys.parse(e.physicalKey());
          String key = name + "/" + e.logicalKey();
          CopyObjectResponse r =
              call.run(
                  AwsService.S3,
                  "s3://" + bucket + "/" + key,
                  (x, t) -> null,
                  () ->
                      s3.copyObject(
                          b ->
                              b.sourceBucket(from.bucket())
                                  .sourceKey(from.key())
                                  .sourceVersionId(from.versionId())
                                  .destinationBucket(bucket)
                                  .destinationKey(key)
                                  .overrideConfiguration(call.override())));
          context.progress(
              done.incrementAndGet(), (double) entries.size(), "copied " + e.logicalKey());
          return new Entry(
              e.logicalKey(),
              PhysicalKeys.format(bucket, key, r.versionId()),
              e.size(),
              e.hashType(),
              e.hashValue(),
              e.meta());
        });
  }
}
