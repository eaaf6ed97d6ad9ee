package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.packages.internal.PackageToolSet;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The Quilt package tools: browse, create, update, delete and diff package revisions, list and
 * search packages, the caller's buckets, and catalog links and {@code quilt+s3://} URIs. Packages
 * are read and written in the registry's S3 (quilt3's format v1, bit for bit) with the caller's own
 * credentials, or through the catalog's GraphQL with the caller's token, as {@link
 * PackageSettings#backend()} picks. Thread-safe.
 */
public final class PackageTools {
  private final List<Tool> tools;

  private PackageTools(List<Tool> tools) {
    this.tools = tools;
  }

  /** Creates the tools; no network until a tool is called. */
  public static PackageTools create(PackageSettings settings, AwsClients aws, Clock clock) {
    return new PackageTools(
        PackageToolSet.create(
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(aws, "aws"),
            Objects.requireNonNull(clock, "clock")));
  }

  /** The tools, in listing order. */
  public List<Tool> tools() {
    return tools;
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return PackageToolSet.requirements();
  }
}
