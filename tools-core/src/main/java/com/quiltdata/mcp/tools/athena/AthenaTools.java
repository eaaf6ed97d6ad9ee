package com.quiltdata.mcp.tools.athena;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.athena.internal.AthenaToolSet;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import java.util.List;
import java.util.Objects;

/**
 * The Athena tools: run a query (with progress, cancellation and a deadline), page its rows, check
 * and stop queries, judge a statement, browse databases, tables, workgroups and history, and query
 * and manage tabulator tables (the last through the catalog's GraphQL). Usually assembled by {@code
 * QuiltTools}. Every call runs on the caller's own credentials; statements are read-only unless the
 * settings allow writes. Thread-safe.
 */
public final class AthenaTools {
  /** The names of the tools, in listing order. */
  public static final List<String> NAMES = AthenaToolSet.NAMES;

  private final AthenaSettings settings;
  private final List<Tool> tools;

  private AthenaTools(AthenaSettings settings, AwsClients aws, CatalogClient catalog) {
    this.settings = settings;
    this.tools = AthenaToolSet.create(aws, settings, catalog);
  }

  /**
   * Creates the tools without a catalog: the tabulator table tools fail with {@code
   * CATALOG_NOT_CONFIGURED}. No network until a tool is called.
   */
  public static AthenaTools create(AthenaSettings settings, AwsClients aws) {
    return create(settings, aws, null);
  }

  /**
   * Creates the tools; no network until a tool is called.
   *
   * @param catalog the catalog's GraphQL (tabulator tables live there), or {@code null}
   */
  public static AthenaTools create(AthenaSettings settings, AwsClients aws, CatalogClient catalog) {
    return new AthenaTools(
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(aws, "aws"), catalog);
  }

  /** The tools, in listing order (see {@link #NAMES}). */
  public List<Tool> tools() {
    return tools;
  }

  /** The family's authorization table. */
  public static List<ToolRequirements> requirements() {
    return AthenaToolSet.requirements();
  }

  /** The settings in force. */
  public AthenaSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "AthenaTools[" + settings + "]";
  }
}
