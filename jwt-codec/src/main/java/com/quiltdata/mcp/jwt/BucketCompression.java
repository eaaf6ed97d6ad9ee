package com.quiltdata.mcp.jwt;

/** TEMP STUB. */
public enum BucketCompression {
  AUTO,
  NONE,
  GROUPS,
  PATTERNS,
  COMPRESSED
}
