package com.quiltdata.mcp.tools;

import java.util.Locale;
import java.util.Optional;

/**
 * The severity of a log message a tool sends to the client ({@code notifications/message}), the
 * syslog levels of RFC 5424 that MCP uses, least severe first.
 */
public enum LogLevel {
  /** Detail for debugging. */
  DEBUG,
  /** Normal progress worth telling. */
  INFO,
  /** Normal but significant. */
  NOTICE,
  /** Something may be wrong. */
  WARNING,
  /** Something failed. */
  ERROR,
  /** A critical condition. */
  CRITICAL,
  /** Action is needed at once. */
  ALERT,
  /** The system is unusable. */
  EMERGENCY;

  /** The name on the wire, e.g. {@code warning}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a message at this level passes a client threshold of {@code threshold}. */
  public boolean atLeast(LogLevel threshold) {
    return compareTo(threshold) >= 0;
  }

  /** The level of a wire name ({@code debug} .. {@code emergency}), exactly as spelt. */
  public static Optional<LogLevel> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (LogLevel l : values()) {
      if (l.wireName().equals(name)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
