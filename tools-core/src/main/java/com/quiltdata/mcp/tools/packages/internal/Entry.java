package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One package entry: where it is in the package, where its bytes are, and what they hash to.
 *
 * @param logicalKey the path inside the package, e.g. {@code data/a.csv}
 * @param physicalKey where the bytes are, {@code s3://bucket/key[?versionId=...]} as quilt3 writes
 *     it (the key percent-encoded)
 * @param size the size in bytes
 * @param hashType {@code sha2-256-chunked}, {@code SHA256} or another type a registry wrote
 * @param hashValue the hash value as the type spells it (base64 or hex)
 * @param meta the entry's meta object (its {@code user_meta} inside); never null
 */
record Entry(
    String logicalKey,
    String physicalKey,
    long size,
    String hashType,
    String hashValue,
    ObjectNode meta) {

  static final String CHUNKED = "sha2-256-chunked";

  Entry {
    Objects.requireNonNull(logicalKey, "logicalKey");
    Objects.requireNonNull(meta, "meta");
  }

  /** The same entry under another logical key. */
  Entry withLogicalKey(String key) {
    return new Entry(key, physicalKey, size, hashType, hashValue, meta);
  }

  /** Whether both name the same content (same hash), as a diff decides it. */
  boolean sameContent(Entry other) {
    return Objects.equals(hashType, other.hashType)
        && Objects.equals(hashValue, other.hashValue)
        && size == other.size;
  }
}
