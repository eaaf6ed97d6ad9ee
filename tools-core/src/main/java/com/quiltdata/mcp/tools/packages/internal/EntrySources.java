package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsReason;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.packages.PackageReason;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Turns {@code s3_uris} into package entries: objects as given, prefixes ({@code s3://bucket/dir/})
 * expanded, each with its size, version and {@code sha2-256-chunked} hash (from S3's own checksum
 * where it gives one, else by reading the object, with progress). Every rule is checked, and every
 * bound, before the first byte is read for hashing.
 */
final class EntrySources {
  private static final int CHUNK = 256 * 1024;

  private final Packages packages;

  EntrySources(Packages packages) {
    this.packages = packages;
  }

  /** One source object before hashing. */
  private record Source(String bucket, String key, String versionId, String logicalKey) {}

  /**
   * The entries for {@code uris}.
   *
   * @param flatten logical key = the file name (else the whole key)
   */
  List<Entry> entries(AwsCall call, ToolContext context, List<String> uris, boolean flatten) {
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < uris.size(); i++) {
      expand(call, context, uris.get(i), "s3_uris[" + i + "]", flatten, sources);
    }
    Map<String, Source> byKey = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Source s : sources) {
      KeyRules.check(s.logicalKey(), "logical key " + s.logicalKey());
      if (byKey.putIfAbsent(s.logicalKey(), s) != null) {
        duplicates.add(s.logicalKey());
      }
    }
    if (!duplicates.isEmpty()) {
      throw ToolFailure.invalidArgument(
          "These logical keys would appear twice"
              + (flatten ? " after flattening (flatten=true keeps only file names)" : "")
              + ": "
              + String.join(", ", duplicates.subList(0, Math.min(10, duplicates.size())))
              + (duplicates.size() > 10 ? " and " + (duplicates.size() - 10) + " more" : "")
              + ". Pass flatten=false or add the objects separately");
    }
    return hash(call, context, new ArrayList<>(byKey.values()));
  }

  private void expand(
      AwsCall call,
      ToolContext context,
      String uri,
      String argument,
      boolean flatten,
      List<Source> out) {
    String bucket = PolicyAuthorizer.s3UriBucket(uri).orElse(null);
    if (bucket == null
        || uri.length() <= 5 + bucket.length()
        || uri.charAt(5 + bucket.length()) != '/') {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' must be s3://bucket/key or s3://bucket/prefix/");
    }
    String rest = uri.substring(6 + bucket.length());
    String versionId = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      rest = rest.substring(0, q);
      if (!query.startsWith("versionId=") || query.indexOf('&') >= 0) {
        throw ToolFailure.invalidArgument(
            "Argument '" + argument + "' may only carry one ?versionId=ID query");
      }
      versionId = URLDecoder.decode(query.substring(10), StandardCharsets.UTF_8);
    }
    if (rest.isEmpty() || rest.endsWith("/")) {
      if (versionId != null) {
        throw ToolFailure.invalidArgument(
            "Argument '" + argument + "' names a prefix, which has no versionId");
      }
      KeyRules.checkPrefix(rest, argument);
      listPrefix(call, context, bucket, rest, argument, flatten, out);
      return;
    }
    KeyRules.check(rest, argument);
    out.add(new Source(bucket, rest, versionId, flatten ? fileName(rest) : rest));
    bound(out.size());
  }

  private void listPrefix(
      AwsCall call,
      ToolContext context,
      String bucket,
      String prefix,
      String argument,
      boolean flatten,
      List<Source> out) {
    if (!context.principal().claims().permissions().contains(PackagePolicy.LIST)) {
      throw new ToolFailure(
          AwsReason.ACCESS_DENIED,
          "Argument '"
              + argument
              + "' is a prefix, and adding everything under it needs s3:ListBucket, which the"
              + " token does not grant. Name the objects one by one");
    }
    S3Listing.each(
        packages.aws,
        call,
        bucket,
        prefix,
        null,
        o -> {
          if (!o.key().endsWith("/")) { // a folder marker is not content
            out.add(new Source(bucket, o.key(), null, flatten ? fileName(o.key()) : o.key()));
            bound(out.size());
          }
          return true;
        });
  }

  private void bound(int count) {
    if (count > packages.settings.maxNewEntries()) {
      throw new ToolFailure(
          PackageReason.TOO_LARGE,
          "s3_uris name more than "
              + packages.settings.maxNewEntries()
              + " objects, the most one call may add (MCP_PACKAGE_MAX_NEW_ENTRIES). Split the"
              + " work over several updates");
    }
  }

  private List<Entry> hash(AwsCall call, ToolContext context, List<Source> sources) {
    int threads = packages.settings.hashConcurrency();
    List<HeadObjectResponse> heads =
        Fanout.map(sources.size(), threads, context, i -> head(call, sources.get(i)));
    long toRead = 0;
    for (HeadObjectResponse h : heads) {
      if (fromChecksum(h) == null) {
        toRead += size(h);
      }
    }
    if (toRead > packages.settings.maxHashBytes()) {
      throw new ToolFailure(
          PackageReason.TOO_LARGE,
          "Hashing these objects would read "
              + toRead
              + " bytes; at most "
              + packages.settings.maxHashBytes()
              + " per call (MCP_PACKAGE_MAX_HASH_BYTES). Add them over several updates");
    }
    long total = toRead;
    AtomicLong done = new AtomicLong();
    return Fanout.map(
        sources.size(),
        threads,
        context,
        i -> {
          Source s = sources.get(i);
          HeadObjectResponse h = heads.get(i);
          String version = s.versionId() != null ? s.versionId() : h.versionId();
          String value = fromChecksum(h);
          if (value == null) {
            value = stream(call, context, s, version, size(h), done, total);
          }
          return new Entry(
              s.logicalKey(),
              PhysicalKeys.format(s.bucket(), s.key(), version),
              size(h),
              Entry.CHUNKED,
              value,
              JsonNodeFactory.instance.objectNode());
        });
  }

  private HeadObjectResponse head(AwsCall call, Source s) {
    return call.run(
        AwsService.S3,
        "s3://" + s.bucket() + "/" + s.key(),
        (e, t) ->
            S3Registry.isMissing(e)
                ? ToolFailure.invalidArgument(
                    "No object at s3://" + s.bucket() + "/" + s.key() + "; check s3_uris")
                : null,
        () ->
            packages
                .aws
                .s3()
                .headObject(
                    b ->
                        b.bucket(s.bucket())
                            .key(s.key())
                            .versionId(s.versionId())
                            .checksumMode(ChecksumMode.ENABLED)
                            .overrideConfiguration(call.override())));
  }

  /** The hash from S3's full-object checksum of a single-part object, if it gives one. */
  private static String fromChecksum(HeadObjectResponse h) {
    String checksum = h.checksumSHA256();
    if (checksum == null || checksum.contains("-")) {
      return null;
    }
    if (h.checksumTypeAsString() != null && !"FULL_OBJECT".equals(h.checksumTypeAsString())) {
      return null;
    }
    try {
      return ChunkedSha256.fromSinglePartChecksum(checksum, size(h));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String stream(
      AwsCall call,
      ToolContext context,
      Source s,
      String version,
      long size,
      AtomicLong done,
      long total) {
    S3Client s3 = packages.aws.s3();
    return call.run(
        AwsService.S3,
        "s3://" + s.bucket() + "/" + s.key(),
        (e, t) -> null,
        () -> {
          ChunkedSha256 sha = new ChunkedSha256(size);
          try (ResponseInputStream<GetObjectResponse> in =
              s3.getObject(
                  b ->
                      b.bucket(s.bucket())
                          .key(s.key())
                          .versionId(version)
                          .overrideConfiguration(call.override()))) {
            read(in, sha, context, done, total);
          }
          if (sha.bytes() != size) {
            throw ToolFailure.invalidArgument(
                "s3://" + s.bucket() + "/" + s.key() + " changed while it was read; retry");
          }
          return sha.value();
        });
  }

  private static void read(
      InputStream in, ChunkedSha256 sha, ToolContext context, AtomicLong done, long total)
      throws java.io.IOException {
    byte[] buf = new byte[CHUNK];
    int n;
    while ((n = in.read(buf)) >= 0) {
      AwsCall.checkCancelled(context);
      sha.update(buf, 0, n);
      context.progress(done.addAndGet(n), (double) total, "hashing");
    }
  }

  private static long size(HeadObjectResponse h) {
    return h.contentLength() == null ? 0 : h.contentLength();
  }

  private static String fileName(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }
}
