package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.jwt.BucketNames;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.packages.PackageReason;
import java.util.regex.Pattern;

/** Package names, top hashes and registries as quilt3 and the catalog accept them. */
final class PackageNames {
  /** {@code user/name}: ASCII letters, digits, {@code _} and {@code -}, exactly one {@code /}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}/[A-Za-z0-9_-]{1,100}");

  static final Pattern TOP_HASH = Pattern.compile("[0-9a-f]{64}");

  /** The schema pattern of a package name. */
  static final String NAME_PATTERN = "^[A-Za-z0-9_-]{1,100}/[A-Za-z0-9_-]{1,100}$";

  private PackageNames() {}

  static String name(String value, String argument) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + argument
              + "' must be a package name user/name: letters, digits, '_' and '-' on each side"
              + " of exactly one '/', e.g. examples/wellplates");
    }
    return value;
  }

  /** A top hash argument: 64 lower-case hex digits, or {@code null} when absent. */
  static String topHash(String value, String argument) {
    if (value == null) {
      return null;
    }
    if (!TOP_HASH.matcher(value).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + argument
              + "' must be a top hash: 64 lower-case hexadecimal digits (the hash a browse or"
              + " create returns)");
    }
    return value;
  }

  /** The bucket of a registry argument ({@code s3://bucket} or {@code bucket}), as authorized. */
  static String registry(String value, String argument) {
    String bucket = PolicyAuthorizer.registryBucket(value).orElse(null);
    if (!BucketNames.isValid(bucket)) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + argument
              + "' must name a registry bucket: s3://bucket or a bucket name, e.g."
              + " s3://quilt-example");
    }
    return bucket;
  }

  /** A corrupt-manifest failure for a registry object, naming it but not its content. */
  static ToolFailure corrupt(String what) {
    return new ToolFailure(
        PackageReason.CORRUPT_MANIFEST,
        what + " is not a readable quilt3 package manifest; it may be damaged or foreign");
  }
}
