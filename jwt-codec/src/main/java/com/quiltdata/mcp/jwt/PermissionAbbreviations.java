package com.quiltdata.mcp.jwt;

import java.util.List;

/** TEMP STUB. */
public final class PermissionAbbreviations {
  private PermissionAbbreviations() {}

  /** stub. */
  public record Expansion(List<String> actions, List<String> dropped) {}

  /** stub. */
  public static Expansion expand(List<String> entries) {
    return new Expansion(entries, List.of());
  }

  /** stub. */
  public static List<String> abbreviate(List<String> a) {
    return a;
  }
}
