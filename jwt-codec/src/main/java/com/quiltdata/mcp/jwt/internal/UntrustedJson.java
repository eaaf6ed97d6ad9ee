package com.quiltdata.mcp.jwt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Copies untrusted JSON (a token header or payload nobody has verified) into a tree that is safe to
 * show: bounded in depth, members, items, string length and total nodes; control, format and
 * unpaired surrogate characters replaced; credential-like values and embedded tokens redacted.
 * Linear in the size of the input; never throws for any tree {@link StrictJson} produces.
 */
public final class UntrustedJson {
  /** Deepest nesting shown; deeper values become a placeholder. */
  public static final int MAX_DEPTH = 6;

  /** Most members of one object and items of one array shown. */
  public static final int MAX_ENTRIES = 64;

  /** Longest string value shown, in characters. */
  public static final int MAX_STRING_CHARS = 256;

  /** Longest member name shown, in characters. */
  public static final int MAX_NAME_CHARS = 64;

  /** Most values in one copy. */
  public static final int MAX_NODES = 512;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final char REPLACEMENT = '\uFFFD';

  /**
   * Parts of member names (lower case, letters and digits only) whose values are never shown: the
   * claim model ignores credentials, and a display must not become the place they leak from.
   */
  private static final String[] SENSITIVE_NAME_PARTS = {
    "secret",
    "password",
    "passwd",
    "credential",
    "token",
    "accesskey",
    "privatekey",
    "apikey",
    "sessionkey",
    "signature"
  };

  /** A header member holding a key, perhaps a secret one ({@code "k"} of an {@code oct} JWK). */
  private static final String KEY_MEMBER = "jwk";

  private int nodes;
  private boolean shortened;
  private int redacted;

  private UntrustedJson() {}

  /** The outcome of one copy. */
  public record Copy(ObjectNode value, boolean shortened, int redacted) {}

  /** Copies an object for display. */
  public static Copy copy(ObjectNode untrusted) {
    UntrustedJson copier = new UntrustedJson();
    ObjectNode out = copier.object(untrusted, 1);
    return new Copy(out, copier.shortened, copier.redacted);
  }

  /**
   * Shows an untrusted string: characters that could hide or reorder text (controls, format
   * characters such as bidirectional overrides, unpaired surrogates) become U+FFFD and the text is
   * cut at {@code maxChars} with a note of how much was left out.
   */
  public static String sanitize(String text, int maxChars) {
    int limit = Math.min(text.length(), maxChars);
    StringBuilder out = new StringBuilder(limit + 24);
    int i = 0;
    while (i < limit) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (i + width > limit) {
        break;
      }
      out.appendCodePoint(visible(cp) ? cp : REPLACEMENT);
      i += width;
    }
    if (i < text.length()) {
      out.append("...[+").append(text.length() - i).append(" characters]");
    }
    return out.toString();
  }

  /** Whether text holds something shaped like a JWS/JWE ({@code eyJ...} then two more parts). */
  public static boolean containsTokenLike(String text) {
    int from = 0;
    while (true) {
      int start = text.indexOf("eyJ", from);
      if (start < 0) {
        return false;
      }
      int end = run(text, start);
      if (end - start >= 10 && end < text.length() && text.charAt(end) == '.') {
        int second = run(text, end + 1);
        if (second > end + 1 && second < text.length() && text.charAt(second) == '.') {
          return true;
        }
      }
      // Any later "eyJ" inside the same run ends at the same place and fails the same way.
      from = Math.max(end, start + 3);
    }
  }

  /** Whether text holds an AWS access key id ({@code AKIA}/{@code ASIA} and 16 more). */
  public static boolean containsAccessKeyId(String text) {
    for (int i = text.indexOf('A');
        i >= 0 && i + 20 <= text.length();
        i = text.indexOf('A', i + 1)) {
      if ((text.startsWith("AKIA", i) || text.startsWith("ASIA", i)) && upperAlnum(text, i + 4)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode object(JsonNode node, int depth) {
    ObjectNode out = NODES.objectNode();
    int shown = 0;
    int total = node.size();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (shown == MAX_ENTRIES || !take()) {
        shortened = true;
        break;
      }
      shown++;
      String name = uniqueName(out, sanitize(e.getKey(), MAX_NAME_CHARS));
      if (isSensitive(e.getKey())) {
        out.put(name, redact(e.getValue()));
      } else {
        out.set(name, value(e.getValue(), depth));
      }
    }
    if (shown < total) {
      out.put("(not shown)", (total - shown) + " more member(s)");
    }
    return out;
  }

  private JsonNode value(JsonNode node, int depth) {
    if (node.isObject() || node.isArray()) {
      if (depth >= MAX_DEPTH) {
        shortened = true;
        return NODES.textNode("[nested too deeply to show]");
      }
      return node.isObject() ? object(node, depth + 1) : array(node, depth + 1);
    }
    if (node.isTextual()) {
      String text = node.textValue();
      if (containsTokenLike(text) || containsAccessKeyId(text)) {
        redacted++;
        return NODES.textNode("[redacted: looks like a token or an AWS key]");
      }
      if (text.length() > MAX_STRING_CHARS) {
        shortened = true;
      }
      return NODES.textNode(sanitize(text, MAX_STRING_CHARS));
    }
    if (node.isNumber()) {
      if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        return NODES.textNode("[not a finite number]");
      }
      return node.deepCopy();
    }
    if (node.isBoolean() || node.isNull()) {
      return node.deepCopy();
    }
    return NODES.textNode("[unsupported value]");
  }

  private ArrayNode array(JsonNode node, int depth) {
    ArrayNode out = NODES.arrayNode();
    int shown = 0;
    for (JsonNode item : node) {
      if (shown == MAX_ENTRIES || !take()) {
        shortened = true;
        break;
      }
      shown++;
      out.add(value(item, depth));
    }
    if (shown < node.size()) {
      out.add("[+" + (node.size() - shown) + " more item(s)]");
    }
    return out;
  }

  private JsonNode redact(JsonNode value) {
    redacted++;
    if (value.isTextual()) {
      return NODES.textNode("[redacted: " + value.textValue().length() + " characters]");
    }
    return NODES.textNode("[redacted]");
  }

  private boolean take() {
    if (nodes >= MAX_NODES) {
      return false;
    }
    nodes++;
    return true;
  }

  private static boolean isSensitive(String name) {
    if (KEY_MEMBER.equals(name)) {
      return true;
    }
    StringBuilder normalized = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        normalized.append(Character.toLowerCase(c));
      }
    }
    String n = normalized.toString();
    for (String part : SENSITIVE_NAME_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static String uniqueName(ObjectNode out, String name) {
    if (!out.has(name)) {
      return name;
    }
    for (int n = 2; ; n++) {
      String candidate = name + "#" + n;
      if (!out.has(candidate)) {
        return candidate;
      }
    }
  }

  private static boolean visible(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  private static int run(String text, int from) {
    int i = from;
    while (i < text.length() && isBase64Url(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  private static boolean upperAlnum(String text, int from) {
    for (int i = from; i < from + 16; i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
