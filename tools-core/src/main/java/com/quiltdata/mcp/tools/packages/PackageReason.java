package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.tools.ToolFailure;

/**
 * Why a package tool call failed, beyond the reasons every family shares ({@code CommonReason}) and
 * those of AWS ({@code AwsReason}). docs/tools.md lists them all.
 */
public enum PackageReason implements ToolFailure.Reason {
  /** No package of that name in the registry. */
  NO_SUCH_PACKAGE(false),
  /** The package has no revision with that top hash. */
  NO_SUCH_REVISION(false),
  /** A pointer names a manifest that is missing, or the manifest is not a quilt3 manifest. */
  CORRUPT_MANIFEST(false),
  /** More entries or bytes than one call may handle; the message says the bound. */
  TOO_LARGE(false),
  /** The server lacks a setting the call needs (for example {@code QUILT_CATALOG_URL}). */
  NOT_CONFIGURED(false);

  private final boolean retryable;

  PackageReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
