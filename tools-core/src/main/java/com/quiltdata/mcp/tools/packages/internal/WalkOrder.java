package com.quiltdata.mcp.tools.packages.internal;

import java.util.Comparator;

/**
 * quilt3's walk order of logical keys: the lists of {@code /}-separated parts compared part by part
 * (by code point), a shorter list first when one is a prefix of the other. So {@code a/b} comes
 * before {@code a-c}, which plain string order would put first.
 */
final class WalkOrder {
  static final Comparator<String> KEYS = WalkOrder::compare;

  private WalkOrder() {}

  static int compare(String a, String b) {
    String[] pa = a.split("/", -1);
    String[] pb = b.split("/", -1);
    int n = Math.min(pa.length, pb.length);
    for (int i = 0; i < n; i++) {
      int c = PythonJson.compareCodePoints(pa[i], pb[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }
}
