package com.quiltdata.mcp.server.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One allowed browser origin: {@code scheme://host}, {@code scheme://host:port}, {@code
 * scheme://host:*} (any port) or {@code *} (any origin). Scheme and host compare
 * case-insensitively; a pattern without a port matches the scheme's default port. Also parses
 * {@code Origin} header values (RFC 6454 serialisation: no path, no user info).
 */
final class OriginPattern {
  private static final int ANY_PORT = -2;
  private static final int DEFAULT_PORT = -1;

  /** scheme "://" host [":" port] where host is a name, an IPv4 or a bracketed IPv6 literal. */
  private static final Pattern SHAPE =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9+.-]{0,15})://([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])"
              + "(?::(\\*|[0-9]{1,5}))?");

  private final boolean any;
  private final String scheme;
  private final String host;
  private final int port;
  private final String text;

  private OriginPattern(boolean any, String scheme, String host, int port, String text) {
    this.any = any;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.text = text;
  }

  /**
   * Parses a configured pattern.
   *
   * @throws IllegalArgumentException naming the expected shape (never echoing the value)
   */
  static OriginPattern parse(String pattern) {
    if ("*".equals(pattern)) {
      return new OriginPattern(true, null, null, ANY_PORT, "*");
    }
    OriginPattern p = parseShape(pattern, true);
    if (p == null) {
      throw new IllegalArgumentException(
          "allowed origins must look like https://host, https://host:port, http://host:* or *");
    }
    return p;
  }

  /** Parses an {@code Origin} header value; null when it is not a valid serialised origin. */
  static OriginPattern parseOrigin(String value) {
    return value == null ? null : parseShape(value, false);
  }

  private static OriginPattern parseShape(String text, boolean wildcardAllowed) {
    if (text == null || text.length() > 300) {
      return null;
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String host = m.group(2).toLowerCase(Locale.ROOT);
    String portText = m.group(3);
    int port;
    if (portText == null) {
      port = DEFAULT_PORT;
    } else if ("*".equals(portText)) {
      if (!wildcardAllowed) {
        return null;
      }
      port = ANY_PORT;
    } else {
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        return null;
      }
      if (port == defaultPort(scheme)) {
        port = DEFAULT_PORT;
      }
    }
    return new OriginPattern(false, scheme, host, port, text);
  }

  /** Whether {@code origin} (from {@link #parseOrigin}) is allowed by this pattern. */
  boolean matches(OriginPattern origin) {
    if (any) {
      return true;
    }
    if (!scheme.equals(origin.scheme) || !host.equals(origin.host)) {
      return false;
    }
    return port == ANY_PORT || port == origin.port;
  }

  private static int defaultPort(String scheme) {
    switch (scheme) {
      case "http":
        return 80;
      case "https":
        return 443;
      default:
        return DEFAULT_PORT;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
