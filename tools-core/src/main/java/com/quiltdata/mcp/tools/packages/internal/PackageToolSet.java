package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import java.time.Clock;
import java.util.List;

/** Creates the package tools. */
public final class PackageToolSet {
  private PackageToolSet() {}

  /** Every package tool, in listing order. */
  public static List<Tool> create(PackageSettings settings, AwsClients aws, Clock clock) {
    Packages packages = new Packages(settings, aws, clock);
    Writes writes = new Writes(packages);
    return List.of(
        new BrowseTool(packages),
        new CreateTool(packages, writes),
        new UpdateTool(packages, writes),
        new DeleteTool(packages),
        new DiffTool(packages),
        new ListTool(packages),
        new SearchTool(packages),
        new BucketListTool(packages),
        new CatalogUrlTool(packages),
        new CatalogUriTool(packages));
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return PackagePolicy.TABLE.rows();
  }
}
