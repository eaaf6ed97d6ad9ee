package com.quiltdata.mcp.architecture.compliant.tools.aws.internal;

/** A kit internal, used by its kit only. */
public final class Abort {
  public boolean aborted() {
    return false;
  }
}
