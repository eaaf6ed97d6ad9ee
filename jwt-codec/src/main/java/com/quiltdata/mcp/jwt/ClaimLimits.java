package com.quiltdata.mcp.jwt;

/**
 * Bounds on what a token's claims may make the verifier build. Checked before the work is done.
 *
 * @param maxBuckets most bucket names a token may carry (after decompression)
 * @param maxBucketListBytes most bytes the decoded bucket list may occupy (sum of UTF-8 name
 *     lengths)
 * @param maxPermissions most permission entries
 * @param maxRoles most role entries
 * @param maxStringLength longest accepted single string claim (subject, issuer, role, scope...)
 */
public record ClaimLimits(
    int maxBuckets, int maxBucketListBytes, int maxPermissions, int maxRoles, int maxStringLength) {

  /** Limits that comfortably fit real catalog tokens (a few dozen buckets) with wide margins. */
  public static final ClaimLimits DEFAULTS = new ClaimLimits(2_048, 131_072, 256, 256, 1_024);

  /** Validates every bound is positive. */
  public ClaimLimits {
    requirePositive(maxBuckets, "maxBuckets");
    requirePositive(maxBucketListBytes, "maxBucketListBytes");
    requirePositive(maxPermissions, "maxPermissions");
    requirePositive(maxRoles, "maxRoles");
    requirePositive(maxStringLength, "maxStringLength");
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
