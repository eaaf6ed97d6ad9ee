package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsCall;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsFailures;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.packages.PackageReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * quilt3's registry format v1 in S3, on the caller's own credentials: manifests under {@code
 * .quilt/packages/<top_hash>}, pointers under {@code .quilt/named_packages/<name>/<unix seconds>}
 * and {@code .../latest}. A write puts the manifest, then the timestamp pointer, then {@code
 * latest}, so a failure midway never leaves a pointer to a missing manifest.
 */
final class S3Registry {
  static final String MANIFESTS = ".quilt/packages/";
  static final String POINTERS = ".quilt/named_packages/";
  static final String LATEST = "latest";

  /** Pointer names below this are ignored by the catalog's indexer, and by this server. */
  static final long MIN_TIMESTAMP = 1_451_631_600L;

  /** Most pointers of one package read for a delete or a revision list. */
  static final int MAX_POINTERS = 1000;

  /** Most pointer objects one package listing call scans before it returns what it found. */
  static final int MAX_SCANNED = 50_000;

  private static final int MAX_POINTER_BYTES = 256;

  private final AwsClients aws;
  private final Clock clock;

  S3Registry(AwsClients aws, Clock clock) {
    this.aws = aws;
    this.clock = clock;
  }

  /** One pointer of a package. */
  record Pointer(String name, String topHash) {}

  /**
   * The top hash of a revision: the one given (its manifest must exist), else {@code latest}'s.
   *
   * @throws ToolFailure {@code NO_SUCH_PACKAGE}, {@code CORRUPT_MANIFEST}
   */
  String latest(AwsCall call, String bucket, String name) {
    String key = POINTERS + name + "/" + LATEST;
    String text =
        readSmall(
            call,
            bucket,
            key,
            (e, t) ->
                isMissing(e)
                    ? new ToolFailure(
                        PackageReason.NO_SUCH_PACKAGE,
                        "No package "
                            + name
                            + " in registry s3://"
                            + bucket
                            + ". Check the name with packages_list")
                    : null);
    String hash = text.trim();
    if (!PackageNames.TOP_HASH.matcher(hash).matches()) {
      throw PackageNames.corrupt("The latest pointer of " + name);
    }
    return hash;
  }

  /**
   * A revision's manifest.
   *
   * @param fromPointer whether a pointer named it (a missing manifest is then corruption)
   */
  Manifest read(
      AwsCall call,
      String bucket,
      String name,
      String topHash,
      boolean fromPointer,
      int maxEntries) {
    String key = MANIFESTS + topHash;
    String what = "The manifest " + topHash + " of " + name;
    S3Client s3 = aws.s3();
    return call.run(
        AwsService.S3,
        "s3://" + bucket + "/" + key,
        (e, t) ->
            isMissing(e)
                ? fromPointer
                    ? PackageNames.corrupt(what + " (a pointer names it but it is missing)")
                    : new ToolFailure(
                        PackageReason.NO_SUCH_REVISION,
                        "Package "
                            + name
                            + " has no revision "
                            + topHash
                            + " in s3://"
                            + bucket
                            + ". Browse without top_hash for the latest")
                : null,
        () -> {
          try (ResponseInputStream<GetObjectResponse> in =
              s3.getObject(b -> b.bucket(bucket).key(key).overrideConfiguration(call.override()))) {
            return ManifestCodec.read(in, what, maxEntries);
          }
        });
  }

  /**
   * Writes a revision: the manifest, then a new timestamp pointer (never overwriting another
   * revision's), then {@code latest}.
   *
   * @return the top hash and the pointer written
   */
  Pointer write(AwsCall call, String bucket, String name, Manifest manifest) {
    String hash = manifest.topHash();
    byte[] body = ManifestCodec.write(manifest);
    put(call, bucket, MANIFESTS + hash, body);
    long now = clock.instant().getEpochSecond();
    String pointer = null;
    for (long ts = now; ts < now + 30 && pointer == null; ts++) {
      String key = POINTERS + name + "/" + ts;
      String existing = readOptional(call, bucket, key);
      if (existing != null && !existing.trim().equals(hash)) {
        continue; // another revision has this second
      }
      if (putIfAbsent(call, bucket, key, hash.getBytes(StandardCharsets.US_ASCII))) {
        pointer = Long.toString(ts);
      }
    }
    if (pointer == null) {
      throw new ToolFailure(
          com.quiltdata.mcp.tools.CommonReason.BUSY,
          "Package " + name + " is being written by others right now; retry in a few seconds");
    }
    put(call, bucket, POINTERS + name + "/" + LATEST, hash.getBytes(StandardCharsets.US_ASCII));
    return new Pointer(pointer, hash);
  }

  /** Every pointer of a package (timestamps ascending, then {@code latest}), with its hash. */
  List<Pointer> pointers(AwsCall call, String bucket, String name) {
    String prefix = POINTERS + name + "/";
    List<String> names = new ArrayList<>();
    S3Listing.each(
        aws,
        call,
        bucket,
        prefix,
        null,
        o -> {
          String rest = o.key().substring(prefix.length());
          if (!rest.contains("/") && (rest.equals(LATEST) || isTimestamp(rest))) {
            names.add(rest);
            if (names.size() > MAX_POINTERS) {
              throw new ToolFailure(
                  PackageReason.TOO_LARGE,
                  "Package "
                      + name
                      + " has more than "
                      + MAX_POINTERS
                      + " revisions; too many for one call");
            }
          }
          return true;
        });
    names.sort(
        (a, b) ->
            a.equals(LATEST)
                ? 1
                : b.equals(LATEST) ? -1 : Long.compare(Long.parseLong(a), Long.parseLong(b)));
    List<Pointer> out = new ArrayList<>(names.size());
    for (String n : names) {
      String text = readOptional(call, bucket, prefix + n);
      if (text != null) {
        out.add(new Pointer(n, text.trim()));
      }
    }
    return out;
  }

  /** Deletes pointers; then, if {@code latest} went or pointed at a removed revision, fixes it. */
  void deletePointers(AwsCall call, String bucket, String name, List<Pointer> removed) {
    S3Client s3 = aws.s3();
    for (Pointer p : removed) {
      String key = POINTERS + name + "/" + p.name();
      call.run(
          AwsService.S3,
          "s3://" + bucket + "/" + key,
          (e, t) -> null,
          () ->
              s3.deleteObject(
                  b -> b.bucket(bucket).key(key).overrideConfiguration(call.override())));
    }
  }

  /** Rewrites {@code latest} to {@code hash}. */
  void setLatest(AwsCall call, String bucket, String name, String hash) {
    put(call, bucket, POINTERS + name + "/" + LATEST, hash.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Package names of a registry after {@code cursor} (exclusive), in name order.
   *
   * @param prefix only names starting with this (may be empty)
   * @param limit most names returned
   * @return the names and whether more may follow
   */
  NamePage names(AwsCall call, String bucket, String prefix, String cursor, int limit) {
    TreeSet<String> found = new TreeSet<>();
    String startAfter = cursor == null ? null : POINTERS + cursor + "/~";
    int[] scanned = {0};
    boolean[] more = {false};
    S3Listing.each(
        aws,
        call,
        bucket,
        POINTERS + prefix,
        startAfter,
        o -> {
          if (++scanned[0] > MAX_SCANNED || found.size() > limit) {
            more[0] = true;
            return false;
          }
          String[] parts = o.key().substring(POINTERS.length()).split("/");
          if (parts.length == 3 && parts[2].equals(LATEST)) {
            String n = parts[0] + "/" + parts[1];
            if (PackageNames.NAME.matcher(n).matches()) {
              found.add(n);
            }
          }
          return true;
        });
    List<String> names = new ArrayList<>(found);
    if (names.size() > limit) {
      names = names.subList(0, limit);
      more[0] = true;
    }
    return new NamePage(List.copyOf(names), more[0]);
  }

  /** One page of package names. */
  record NamePage(List<String> names, boolean more) {}

  private void put(AwsCall call, String bucket, String key, byte[] body) {
    S3Client s3 = aws.s3();
    call.run(
        AwsService.S3,
        "s3://" + bucket + "/" + key,
        (e, t) -> null,
        () ->
            s3.putObject(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .contentLength((long) body.length)
                        .overrideConfiguration(call.override()),
                RequestBody.fromBytes(body)));
  }

  /**
   * Puts {@code key} only if it does not exist yet ({@code If-None-Match: *}), so two writers of
   * one second cannot overwrite each other's pointer.
   *
   * @return whether it was written (false: someone else's is there)
   */
  private boolean putIfAbsent(AwsCall call, String bucket, String key, byte[] body) {
    S3Client s3 = aws.s3();
    boolean[] taken = new boolean[1];
    try {
      call.run(
          AwsService.S3,
          "s3://" + bucket + "/" + key,
          (e, t) -> {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
              taken[0] = true;
              return new ToolFailure(PackageReason.NO_SUCH_PACKAGE, "taken");
            }
            return null;
          },
          () ->
              s3.putObject(
                  b ->
                      b.bucket(bucket)
                          .key(key)
                          .ifNoneMatch("*")
                          .contentLength((long) body.length)
                          .overrideConfiguration(call.override()),
                  RequestBody.fromBytes(body)));
    } catch (ToolFailure f) {
      if (taken[0]) {
        return false;
      }
      throw f;
    }
    return true;
  }

  private String readOptional(AwsCall call, String bucket, String key) {
    return readSmall(
        call,
        bucket,
        key,
        (e, t) -> isMissing(e) ? new ToolFailure(PackageReason.NO_SUCH_PACKAGE, "absent") : null,
        true);
  }

  private String readSmall(AwsCall call, String bucket, String key, AwsCall.ServiceErrors errors) {
    return readSmall(call, bucket, key, errors, false);
  }

  private String readSmall(
      AwsCall call, String bucket, String key, AwsCall.ServiceErrors errors, boolean optional) {
    S3Client s3 = aws.s3();
    try {
      return call.run(
          AwsService.S3,
          "s3://" + bucket + "/" + key,
          errors,
          () -> {
            try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(
                    b -> b.bucket(bucket).key(key).overrideConfiguration(call.override()))) {
              byte[] bytes = in.readNBytes(MAX_POINTER_BYTES + 1);
              if (bytes.length > MAX_POINTER_BYTES) {
                throw PackageNames.corrupt("The pointer s3://" + bucket + "/" + key);
              }
              return new String(bytes, StandardCharsets.US_ASCII);
            }
          });
    } catch (ToolFailure f) {
      if (optional && f.reason() == PackageReason.NO_SUCH_PACKAGE) {
        return null;
      }
      throw f;
    }
  }

  /** Whether S3 says the key is not there (a missing bucket is not this). */
  static boolean isMissing(AwsServiceException e) {
    String code = AwsFailures.errorCode(e);
    return "NoSuchKey".equals(code) || (e.statusCode() == 404 && code == null);
  }

  private static boolean isTimestamp(String name) {
    if (name.isEmpty() || name.length() > 12 || !name.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Long.parseLong(name) >= MIN_TIMESTAMP;
  }
}
