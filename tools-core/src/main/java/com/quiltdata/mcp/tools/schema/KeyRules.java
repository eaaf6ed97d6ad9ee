package com.quiltdata.mcp.tools.schema;

import com.quiltdata.mcp.tools.ToolFailure;
import java.nio.charset.StandardCharsets;

/**
 * The one rule every object key, listing prefix and package logical key passes before it is used:
 * valid Unicode, no control characters (C0, DEL, C1), at most 1024 bytes in UTF-8 (the S3 limit),
 * and no {@code .} or {@code ..} path segment, with both {@code /} and {@code \} counted as
 * separators (S3-compatible stores backed by a file system, and anyone who downloads a package,
 * must never see a path trick).
 */
public final class KeyRules {
  /** Longest key or prefix S3 accepts, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private KeyRules() {}

  /**
   * Checks an object key.
   *
   * @param argument the argument's name, for messages
   * @throws ToolFailure INVALID_ARGUMENT naming the broken rule
   */
  public static String check(String key, String argument) {
    if (key == null || key.isEmpty()) {
      throw ToolFailure.invalidArgument(
          "Argument '" + argument + "' must not be empty: give an object key");
    }
    text(key, argument);
    segments(key, argument);
    return key;
  }

  /**
   * Checks a listing prefix (may be empty).
   *
   * @throws ToolFailure INVALID_ARGUMENT naming the broken rule
   */
  public static String checkPrefix(String prefix, String argument) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    text(prefix, argument);
    segments(prefix, argument);
    return prefix;
  }

  /** Refuses a {@code .} or {@code ..} segment between {@code /} or {@code \} separators. */
  private static void segments(String value, String argument) {
    for (String segment : value.split("[/\\\\]", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + argument
                + "' must not contain '.' or '..' path segments (between '/' or '\\'); name"
                + " the object by its plain key");
      }
    }
  }

  private static void text(String value, String argument) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw ToolFailure.invalidArgument(
            "Argument '" + argument + "' is not valid Unicode text (a lone surrogate)");
      }
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        throw ToolFailure.invalidArgument(
            "Argument '"
                + argument
                + "' contains a control character at position "
                + i
                + "; keys and prefixes may not contain control characters (such as newlines or"
                + " tabs)");
      }
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw ToolFailure.invalidArgument(
          "Argument '"
              + argument
              + "' is "
              + bytes
              + " bytes long in UTF-8; S3 keys and prefixes are at most "
              + MAX_KEY_BYTES
              + " bytes");
    }
  }
}
