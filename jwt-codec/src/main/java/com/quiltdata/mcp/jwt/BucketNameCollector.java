package com.quiltdata.mcp.jwt;

import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the names of one bucket-list claim as it is decoded, enforcing {@link ClaimLimits} before
 * each name is built: every entry counts towards {@link ClaimLimits#maxBuckets()} (duplicates
 * included, so the work stays bounded) and its UTF-8 length towards {@link
 * ClaimLimits#maxBucketListBytes()}. Duplicates are then dropped, keeping the first occurrence.
 */
final class BucketNameCollector {

  private final ClaimLimits limits;
  private final Set<String> unique = new LinkedHashSet<>();
  private long count;
  private long bytes;

  /**
   * @param limits the bounds to enforce
   */
  BucketNameCollector(ClaimLimits limits) {
    this.limits = limits;
  }

  /** The bounds being enforced. */
  ClaimLimits limits() {
    return limits;
  }

  /**
   * Fails before any work when {@code more} further entries would exceed the count limit.
   *
   * @param more how many entries the caller is about to add
   * @throws JwtVerificationException with {@link Reason#TOO_LARGE}
   */
  void reserve(int more) {
    if (count + more > limits.maxBuckets()) {
      throw tooMany();
    }
  }

  /**
   * Adds the name {@code head + tail}, checking both limits before concatenating.
   *
   * @param head a prefix put back by the decoder, possibly empty
   * @param tail the rest of the name as it appeared in the claim
   * @throws JwtVerificationException with {@link Reason#TOO_LARGE}
   */
  void add(String head, String tail) {
    if (++count > limits.maxBuckets()) {
      throw tooMany();
    }
    bytes += utf8Length(head) + utf8Length(tail);
    if (bytes > limits.maxBucketListBytes()) {
      throw new JwtVerificationException(
          Reason.TOO_LARGE, "bucket claim: the names exceed the configured total size limit");
    }
    unique.add(head.isEmpty() ? tail : head.concat(tail));
  }

  /** The distinct names in order of first appearance, as an immutable list. */
  List<String> toList() {
    return List.copyOf(unique);
  }

  private static JwtVerificationException tooMany() {
    return new JwtVerificationException(
        Reason.TOO_LARGE, "bucket claim: more buckets than the configured limit");
  }

  /** Bytes {@code s} takes in UTF-8, without encoding it; a lone surrogate counts as three. */
  static long utf8Length(String s) {
    long length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
