package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.packages.PackageReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes quilt3 manifests (JSON Lines): the meta line first, then directory-metadata and
 * entry lines. Reading is bounded (a line over 1,000,000 bytes, a duplicate logical key, a missing
 * field, a foreign version: {@code CORRUPT_MANIFEST}; more entries than allowed: {@code TOO_LARGE})
 * and strict (duplicate JSON keys are refused). Writing is quilt3's form: compact UTF-8 JSON, one
 * record per line.
 */
final class ManifestCodec {
  /** Longest line quilt3 writes. */
  static final int MAX_LINE_BYTES = 1_000_000;

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private ManifestCodec() {}

  /**
   * Reads a manifest.
   *
   * @param what names the manifest in messages (e.g. {@code the manifest of examples/pkg})
   * @param maxEntries most entries accepted
   * @throws IOException when the stream fails (the caller maps it as an S3 failure)
   */
  static Manifest read(InputStream in, String what, int maxEntries) throws IOException {
    LineReader lines = new LineReader(in);
    byte[] first = lines.next();
    if (first == null) {
      throw PackageNames.corrupt(what);
    }
    ObjectNode meta = object(first, what);
    if (!"v0".equals(meta.path("version").asText(null))) {
      throw PackageNames.corrupt(what);
    }
    List<Entry> entries = new ArrayList<>();
    List<ObjectNode> dirs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    byte[] line;
    while ((line = lines.next()) != null) {
      if (isBlank(line)) {
        continue;
      }
      ObjectNode record = object(line, what);
      JsonNode lk = record.get("logical_key");
      if (lk == null || !lk.isTextual() || lk.textValue().isEmpty()) {
        throw PackageNames.corrupt(what);
      }
      if (!record.has("physical_keys") && lk.textValue().endsWith("/")) {
        dirs.add(record);
        continue;
      }
      if (entries.size() >= maxEntries) {
        throw new ToolFailure(
            PackageReason.TOO_LARGE,
            what
                + " has more than "
                + maxEntries
                + " entries, the most this server reads (MCP_PACKAGE_MAX_ENTRIES)");
      }
      Entry e = entry(record, what);
      if (!seen.add(e.logicalKey())) {
        throw PackageNames.corrupt(what + " (it names logical key twice)");
      }
      entries.add(e);
    }
    return new Manifest(meta, entries, dirs);
  }

  private static Entry entry(ObjectNode r, String what) {
    JsonNode keys = r.get("physical_keys");
    JsonNode size = r.get("size");
    JsonNode hash = r.get("hash");
    JsonNode meta = r.get("meta");
    if (keys == null
        || !keys.isArray()
        || keys.isEmpty()
        || !keys.get(0).isTextual()
        || size == null
        || !size.canConvertToExactIntegral()
        || size.asLong(-1) < 0
        || hash == null
        || !hash.path("type").isTextual()
        || !hash.path("value").isTextual()
        || (meta != null && !meta.isObject() && !meta.isNull())) {
      throw PackageNames.corrupt(what);
    }
    return new Entry(
        r.get("logical_key").textValue(),
        keys.get(0).textValue(),
        size.asLong(),
        hash.get("type").textValue(),
        hash.get("value").textValue(),
        meta instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode());
  }

  private static ObjectNode object(byte[] line, String what) {
    try {
      JsonNode n = STRICT.readTree(line);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      // malformed line
    }
    throw PackageNames.corrupt(what);
  }

  /** The manifest's text: the meta line, directory metadata, then the entries in walk order. */
  static byte[] write(Manifest m) {
    StringBuilder out = new StringBuilder(256 + 256 * m.entries().size());
    out.append(PythonJson.utf8(m.meta())).append('\n');
    for (ObjectNode d : m.directoryMeta()) {
      out.append(PythonJson.utf8(d)).append('\n');
    }
    for (Entry e : m.entries()) {
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("logical_key", e.logicalKey());
      ArrayNode keys = line.putArray("physical_keys");
      keys.add(e.physicalKey());
      line.put("size", e.size());
      ObjectNode hash = line.putObject("hash");
      hash.put("type", e.hashType());
      hash.put("value", e.hashValue());
      line.set("meta", e.meta());
      out.append(PythonJson.utf8(line)).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Lines of at most {@link #MAX_LINE_BYTES}; a longer one is a corrupt manifest. */
  private static final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private boolean eof;

    LineReader(InputStream in) {
      this.in = in;
    }

    byte[] next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      while (true) {
        if (pos == end) {
          if (eof) {
            return line.size() == 0 ? null : line.toByteArray();
          }
          end = in.read(buf, 0, buf.length);
          pos = 0;
          if (end < 0) {
            eof = true;
            end = 0;
            continue;
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        line.write(buf, start, pos - start);
        if (line.size() > MAX_LINE_BYTES) {
          throw new ToolFailure(
              PackageReason.CORRUPT_MANIFEST,
              "a manifest line is longer than "
                  + MAX_LINE_BYTES
                  + " bytes, which quilt3 never writes");
        }
        if (pos < end) {
          pos++; // the newline
          return line.toByteArray();
        }
      }
    }
  }
}
