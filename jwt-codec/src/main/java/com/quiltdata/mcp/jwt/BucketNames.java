package com.quiltdata.mcp.jwt;

/** TEMP STUB. */
public final class BucketNames {
  private BucketNames() {}

  /** stub. */
  public static boolean isValid(String name) {
    return name != null && name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  }
}
