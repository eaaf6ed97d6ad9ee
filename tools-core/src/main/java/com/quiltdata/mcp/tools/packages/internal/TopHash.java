package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A package's top hash, bit for bit as quilt3 computes it: one SHA-256 over the package meta
 * (without an obsolete {@code top_hash}) and then each entry's {@code
 * {"hash","logical_key","meta","size"}} in walk order, every document in Python's sorted, compact,
 * ASCII-escaped JSON. Directory metadata and physical keys do not count.
 */
final class TopHash {
  private TopHash() {}

  static String of(ObjectNode packageMeta, List<Entry> entries) {
    MessageDigest sha = sha256();
    ObjectNode meta = packageMeta.deepCopy();
    meta.remove("top_hash");
    update(sha, PythonJson.ascii(meta));
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((x, y) -> WalkOrder.compare(x.logicalKey(), y.logicalKey()));
    for (Entry e : sorted) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      ObjectNode hash = doc.putObject("hash");
      hash.put("type", e.hashType());
      hash.put("value", e.hashValue());
      doc.put("logical_key", e.logicalKey());
      doc.set("meta", e.meta());
      doc.put("size", e.size());
      update(sha, PythonJson.ascii(doc));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String json) {
    sha.update(json.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
