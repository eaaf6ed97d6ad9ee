package com.quiltdata.mcp.tools.packages.internal;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * quilt3's {@code sha2-256-chunked} hash, streamed: chunks of 8 MiB (doubled while there would be
 * more than 10,000 parts), the base64 of the SHA-256 over the concatenated SHA-256 of each chunk.
 * Empty content has no parts (the value is the SHA-256 of nothing). This equals S3's composite
 * SHA-256 checksum of an upload in parts of that size.
 */
final class ChunkedSha256 {
  static final long MIN_CHUNK = 8L * 1024 * 1024;
  static final int MAX_PARTS = 10_000;

  private final long chunkSize;
  private final long expectedSize;
  private final MessageDigest outer = TopHash.sha256();
  private final MessageDigest part = TopHash.sha256();
  private long inPart;
  private long total;

  /** A hash of content of {@code size} bytes (the size picks the chunk size). */
  ChunkedSha256(long size) {
    this.expectedSize = size;
    this.chunkSize = chunkSize(size);
  }

  /** The chunk size quilt3 uses for content of {@code size} bytes. */
  static long chunkSize(long size) {
    long chunk = MIN_CHUNK;
    while ((size + chunk - 1) / chunk > MAX_PARTS) {
      chunk *= 2;
    }
    return chunk;
  }

  void update(byte[] bytes, int offset, int length) {
    int at = offset;
    int left = length;
    while (left > 0) {
      int n = (int) Math.min(left, chunkSize - inPart);
      part.update(bytes, at, n);
      inPart += n;
      total += n;
      at += n;
      left -= n;
      if (inPart == chunkSize) {
        outer.update(part.digest());
        inPart = 0;
      }
    }
  }

  /** Bytes hashed so far. */
  long bytes() {
    return total;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException when the content was not the size given
   */
  String value() {
    if (total != expectedSize) {
      throw new IllegalStateException(
          "the content was " + total + " bytes, not the " + expectedSize + " announced");
    }
    if (inPart > 0) {
      outer.update(part.digest());
    }
    return Base64.getEncoder().encodeToString(outer.digest());
  }

  /**
   * The chunked value of a single-part object from S3's full-object SHA-256 checksum (base64):
   * hashed once more, except for empty content whose digest maps to itself.
   *
   * @return the value, or {@code null} when the object needs more than one chunk
   */
  static String fromSinglePartChecksum(String s3ChecksumBase64, long size) {
    if (size > MIN_CHUNK) {
      return null;
    }
    byte[] digest = Base64.getDecoder().decode(s3ChecksumBase64);
    if (size == 0) {
      return s3ChecksumBase64;
    }
    return Base64.getEncoder().encodeToString(TopHash.sha256().digest(digest));
  }
}
