package com.quiltdata.mcp.jwt;

/**
 * The shapes a bucket-list claim ({@code b} or {@code buckets}) can take, as chosen when encoding.
 *
 * @see BucketListCodec#encode(java.util.List, BucketCompression)
 */
public enum BucketCompression {
  /**
   * Let the encoder choose the way the catalog frontend does: a plain array for 15 buckets or
   * fewer, otherwise the smallest exact compressed form if it beats the plain array.
   */
  AUTO,
  /** Always a plain JSON array of names. */
  NONE,
  /**
   * {@code {"_type":"groups","_data":{prefix:[suffix...]}}}: names split at their first {@code -}.
   */
  GROUPS,
  /**
   * {@code {"_type":"patterns","_data":{"quilt":[...],"cell":[...],"other":[...]}}}: names sorted
   * into three classes, with the {@code quilt-} prefix left out of the first.
   */
  PATTERNS,
  /** {@code {"_type":"compressed","_data":"<base64>"}}: standard base64 of the JSON array. */
  COMPRESSED
}
