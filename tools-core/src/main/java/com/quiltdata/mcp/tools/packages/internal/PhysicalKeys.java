package com.quiltdata.mcp.tools.packages.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Physical keys as quilt3 writes them: {@code s3://bucket/<key>[?versionId=<id>]} with the key
 * percent-encoded as Python's {@code quote} does ({@code /} and {@code A-Za-z0-9_.-~} kept) and the
 * version id encoded with nothing kept.
 */
final class PhysicalKeys {
  private PhysicalKeys() {}

  /** A parsed physical key. */
  record Location(String bucket, String key, String versionId) {}

  static String format(String bucket, String key, String versionId) {
    return "s3://"
        + bucket
        + "/"
        + quote(key, true)
        + (versionId == null ? "" : "?versionId=" + quote(versionId, false));
  }

  /** The location of an {@code s3://} physical key, or {@code null} for any other form. */
  static Location parse(String physicalKey) {
    if (physicalKey == null || !physicalKey.startsWith("s3://")) {
      return null;
    }
    String rest = physicalKey.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String bucket = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    String version = null;
    int q = path.indexOf('?');
    if (q >= 0) {
      String query = path.substring(q + 1);
      path = path.substring(0, q);
      if (query.startsWith("versionId=")) {
        version = unquote(query.substring("versionId=".length()));
      }
    }
    String key = unquote(path);
    return key == null || key.isEmpty() ? null : new Location(bucket, key, version);
  }

  private static String quote(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-'
              || c == '~'
              || (keepSlash && c == '/');
      if (keep) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Percent-decoding as UTF-8; {@code null} for a malformed escape. */
  private static String unquote(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
