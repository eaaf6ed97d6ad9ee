package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A package revision: its meta line ({@code version}, {@code message}, {@code user_meta}, {@code
 * workflow}), its entries in walk order, and any directory-metadata lines (kept, not hashed).
 */
record Manifest(ObjectNode meta, List<Entry> entries, List<ObjectNode> directoryMeta) {
  Manifest {
    meta = meta.deepCopy();
    meta.remove("top_hash");
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> WalkOrder.compare(a.logicalKey(), b.logicalKey()));
    entries = List.copyOf(sorted);
    directoryMeta = List.copyOf(directoryMeta);
  }

  /** The top hash quilt3 would compute. */
  String topHash() {
    return TopHash.of(meta, entries);
  }

  /** The commit message, or {@code null}. */
  String message() {
    return meta.path("message").isTextual() ? meta.get("message").textValue() : null;
  }

  /** The package's user metadata, or an empty object. */
  ObjectNode userMeta() {
    return meta.get("user_meta") instanceof ObjectNode o ? o.deepCopy() : meta.objectNode();
  }

  /** Sum of the entries' sizes. */
  long totalBytes() {
    long total = 0;
    for (Entry e : entries) {
      total += e.size();
    }
    return total;
  }
}
