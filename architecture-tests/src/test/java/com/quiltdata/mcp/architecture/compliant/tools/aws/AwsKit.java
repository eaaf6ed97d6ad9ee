package com.quiltdata.mcp.architecture.compliant.tools.aws;

import com.quiltdata.mcp.architecture.compliant.tools.aws.internal.Abort;

/** A kit using its own internals. */
public final class AwsKit {
  public boolean cancelled() {
    return new Abort().aborted();
  }
}
