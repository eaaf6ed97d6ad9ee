package com.quiltdata.mcp.tools.s3.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.schema.KeyRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and checks every item of a {@code bucket_objects_put} call before anything is written: key
 * rules, exactly one of {@code text} / {@code data} (strict base64), content type, user metadata
 * (names, printable ASCII values, 2 KB total as S3 allows), unique keys, and the item and byte
 * limits of the call. All problems are reported together, each naming its item.
 */
final class PutItems {
  /** S3's limit on user metadata: names plus values, in bytes. */
  static final int MAX_METADATA_BYTES = 2048;

  static final int MAX_CONTENT_TYPE = 256;
  private static final int MAX_REPORTED_PROBLEMS = 20;
  private static final Pattern METADATA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
              + "(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[ !#-~]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  private PutItems() {}

  /** One checked item, ready to write. */
  record Item(String key, byte[] body, String contentType, Map<String, String> metadata) {}

  /**
   * Parses the items.
   *
   * @throws ToolFailure INVALID_ARGUMENT listing every problem found (nothing has been written)
   */
  static List<Item> parse(JsonNode items, int maxItems, long maxBytes) {
    if (items == null || !items.isArray() || items.isEmpty()) {
      throw ToolFailure.invalidArgument(
          "Argument 'items' must be a non-empty array of {key, text or data, content_type,"
              + " metadata}");
    }
    if (items.size() > maxItems) {
      throw ToolFailure.invalidArgument(
          "Argument 'items' holds "
              + items.size()
              + " items; at most "
              + maxItems
              + " may be written per call. Split them over several calls");
    }
    List<String> problems = new ArrayList<>();
    List<Item> out = new ArrayList<>(items.size());
    Set<String> keys = new HashSet<>();
    long total = 0;
    for (int i = 0; i < items.size(); i++) {
      String path = "items[" + i + "]";
      try {
        Item item = item(items.get(i), path);
        if (!keys.add(item.key())) {
          throw ToolFailure.invalidArgument(
              "Argument '"
                  + path
                  + ".key' repeats the key of an earlier item; write each key once");
        }
        total += item.body().length;
        out.add(item);
      } catch (ToolFailure f) {
        problems.add(f.getMessage());
      }
    }
    if (problems.isEmpty() && total > maxBytes) {
      problems.add(
          "The items hold "
              + total
              + " bytes in total; at most "
              + maxBytes
              + " bytes may be written per call. Split them over several calls");
    }
    if (!problems.isEmpty()) {
      StringBuilder m =
          new StringBuilder("Nothing was written: ")
              .append(problems.size())
              .append(problems.size() == 1 ? " problem" : " problems")
              .append(" in 'items'. ");
      for (int i = 0; i < problems.size() && i < MAX_REPORTED_PROBLEMS; i++) {
        m.append(i == 0 ? "" : " ")
            .append(problems.get(i))
            .append(problems.get(i).endsWith(".") ? "" : ".");
      }
      if (problems.size() > MAX_REPORTED_PROBLEMS) {
        m.append(" (and ").append(problems.size() - MAX_REPORTED_PROBLEMS).append(" more)");
      }
      throw ToolFailure.invalidArgument(m.toString());
    }
    return out;
  }

  private static Item item(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw ToolFailure.invalidArgument("Argument '" + path + "' must be an object");
    }
    ObjectNode o = (ObjectNode) node;
    JsonNode keyNode = o.get("key");
    if (keyNode == null || !keyNode.isTextual()) {
      throw ToolFailure.invalidArgument(
          "Argument '" + path + ".key' is required: the object key to write");
    }
    String key = KeyRules.check(keyNode.textValue(), path + ".key");
    if (key.indexOf('?') >= 0) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + path
              + ".key' contains '?', which s3:// URIs use to start ?versionId=, so the object"
              + " could not be read back with these tools; choose another key");
    }
    JsonNode text = o.get("text");
    JsonNode data = o.get("data");
    boolean hasText = text != null && !text.isNull();
    boolean hasData = data != null && !data.isNull();
    if (hasText == hasData) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + path
              + "' needs exactly one of 'text' (UTF-8 content) or 'data' (base64 content)");
    }
    byte[] body;
    if (hasText) {
      if (!text.isTextual()) {
        throw ToolFailure.invalidArgument("Argument '" + path + ".text' must be a string");
      }
      String t = text.textValue();
      if (hasLoneSurrogate(t)) {
        throw ToolFailure.invalidArgument("Argument '" + path + ".text' is not valid Unicode text");
      }
      body = t.getBytes(StandardCharsets.UTF_8);
    } else {
      if (!data.isTextual()) {
        throw ToolFailure.invalidArgument("Argument '" + path + ".data' must be a base64 string");
      }
      try {
        body = Base64.getDecoder().decode(data.textValue());
      } catch (IllegalArgumentException e) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + path
                + ".data' is not valid base64: use the standard alphabet (A-Z a-z 0-9 + /) with"
                + " '=' padding and no line breaks");
      }
    }
    String contentType = contentType(o.get("content_type"), path, hasText);
    Map<String, String> metadata = metadata(o.get("metadata"), path);
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!Set.of("key", "text", "data", "content_type", "metadata").contains(name)) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + path
                + "' has an unexpected field; accepted: key, text, data, content_type, metadata");
      }
    }
    return new Item(key, body, contentType, metadata);
  }

  private static String contentType(JsonNode node, String path, boolean text) {
    if (node == null || node.isNull()) {
      return text ? "text/plain; charset=utf-8" : "application/octet-stream";
    }
    if (!node.isTextual()
        || node.textValue().length() > MAX_CONTENT_TYPE
        || !CONTENT_TYPE.matcher(node.textValue()).matches()) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + path
              + ".content_type' must be a media type such as text/csv or application/json;"
              + " charset=utf-8 (printable ASCII, at most "
              + MAX_CONTENT_TYPE
              + " characters)");
    }
    return node.textValue();
  }

  private static Map<String, String> metadata(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw ToolFailure.invalidArgument(
          "Argument '" + path + ".metadata' must be an object of name: value strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    int bytes = 0;
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String name = f.getKey();
      if (!METADATA_NAME.matcher(name).matches()) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + path
                + ".metadata' has a name that is not 1-128 characters of A-Z a-z 0-9 . _ -"
                + " (starting with a letter or digit)");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (f.getValue() == null || !f.getValue().isTextual()) {
        throw ToolFailure.invalidArgument(
            "Argument '" + path + ".metadata." + name + "' must be a string");
      }
      String value = f.getValue().textValue();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw ToolFailure.invalidArgument(
              "Argument '"
                  + path
                  + ".metadata."
                  + name
                  + "' must be printable ASCII (S3 sends metadata as HTTP headers); encode"
                  + " other text first, e.g. percent-encoding");
        }
      }
      if (out.put(lower, value) != null) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + path
                + ".metadata' names '"
                + lower
                + "' twice (S3 metadata names are case-insensitive)");
      }
      bytes += lower.length() + value.length();
    }
    if (bytes > MAX_METADATA_BYTES) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + path
              + ".metadata' is "
              + bytes
              + " bytes (names plus values); S3 allows at most "
              + MAX_METADATA_BYTES);
    }
    return out;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
