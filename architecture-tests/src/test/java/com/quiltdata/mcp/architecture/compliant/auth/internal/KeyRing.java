package com.quiltdata.mcp.architecture.compliant.auth.internal;

/** auth-core's own internal class, used from auth-core only. */
public final class KeyRing {
  public int size() {
    return 1;
  }
}
