package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the package tools link to and what they allow per call. Packages are read and written in
 * the registry's S3 (quilt3's format v1). Immutable; {@link #fromEnvironment(Map)} reads {@link
 * #VARIABLES}.
 *
 * @param catalogUrl the catalog the links point at ({@code QUILT_CATALOG_URL}), or {@code null}
 * @param maxManifestEntries most entries of a manifest read ({@code MCP_PACKAGE_MAX_ENTRIES})
 * @param maxNewEntries most entries one create or update adds ({@code MCP_PACKAGE_MAX_NEW_ENTRIES})
 * @param maxHashBytes most bytes one call reads to hash new entries ({@code
 *     MCP_PACKAGE_MAX_HASH_BYTES})
 * @param maxMetadataBytes largest package or entry metadata, as JSON ({@code
 *     MCP_PACKAGE_MAX_METADATA_BYTES})
 * @param hashConcurrency S3 requests one create or update runs at once to look at and hash new
 *     entries ({@code MCP_PACKAGE_HASH_CONCURRENCY})
 */
public record PackageSettings(
    URI catalogUrl,
    int maxManifestEntries,
    int maxNewEntries,
    long maxHashBytes,
    int maxMetadataBytes,
    int hashConcurrency) {

  /** {@code QUILT_CATALOG_URL}. */
  public static final EnvironmentVariable CATALOG_URL =
      EnvironmentVariable.url("QUILT_CATALOG_URL", null);

  /** {@code MCP_PACKAGE_MAX_ENTRIES}. */
  public static final EnvironmentVariable MAX_ENTRIES =
      EnvironmentVariable.integer("MCP_PACKAGE_MAX_ENTRIES", 1, 1_000_000, 100_000);

  /** {@code MCP_PACKAGE_MAX_NEW_ENTRIES}. */
  public static final EnvironmentVariable MAX_NEW_ENTRIES =
      EnvironmentVariable.integer("MCP_PACKAGE_MAX_NEW_ENTRIES", 1, 100_000, 1000);

  /** {@code MCP_PACKAGE_MAX_HASH_BYTES}. */
  public static final EnvironmentVariable MAX_HASH_BYTES =
      EnvironmentVariable.integer("MCP_PACKAGE_MAX_HASH_BYTES", 0, 1L << 40, 1L << 30);

  /** {@code MCP_PACKAGE_MAX_METADATA_BYTES}. */
  public static final EnvironmentVariable MAX_METADATA_BYTES =
      EnvironmentVariable.integer("MCP_PACKAGE_MAX_METADATA_BYTES", 2, 1 << 20, 64 * 1024);

  /** {@code MCP_PACKAGE_HASH_CONCURRENCY}. */
  public static final EnvironmentVariable HASH_CONCURRENCY =
      EnvironmentVariable.integer("MCP_PACKAGE_HASH_CONCURRENCY", 1, 32, 8);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(
          CATALOG_URL,
          MAX_ENTRIES,
          MAX_NEW_ENTRIES,
          MAX_HASH_BYTES,
          MAX_METADATA_BYTES,
          HASH_CONCURRENCY);

  /** Validates every field and names the bad one. */
  public PackageSettings {
    MAX_ENTRIES.checkRange(maxManifestEntries, "maxManifestEntries");
    MAX_NEW_ENTRIES.checkRange(maxNewEntries, "maxNewEntries");
    MAX_HASH_BYTES.checkRange(maxHashBytes, "maxHashBytes");
    MAX_METADATA_BYTES.checkRange(maxMetadataBytes, "maxMetadataBytes");
    HASH_CONCURRENCY.checkRange(hashConcurrency, "hashConcurrency");
  }

  /** No catalog URL, every limit at its default. */
  public static PackageSettings defaults() {
    return new PackageSettings(null, 100_000, 1000, 1L << 30, 64 * 1024, 8);
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static PackageSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader r = EnvironmentReader.of(env);
    return new PackageSettings(
        r.url(CATALOG_URL),
        (int) r.integer(MAX_ENTRIES),
        (int) r.integer(MAX_NEW_ENTRIES),
        r.integer(MAX_HASH_BYTES),
        (int) r.integer(MAX_METADATA_BYTES),
        (int) r.integer(HASH_CONCURRENCY));
  }

  /** A copy with another catalog URL. */
  public PackageSettings withCatalogUrl(URI url) {
    return new PackageSettings(
        url, maxManifestEntries, maxNewEntries, maxHashBytes, maxMetadataBytes, hashConcurrency);
  }

  /** A copy with other per-call limits. */
  public PackageSettings withLimits(int manifestEntries, int newEntries, long hashBytes) {
    return new PackageSettings(
        catalogUrl, manifestEntries, newEntries, hashBytes, maxMetadataBytes, hashConcurrency);
  }

  /** A copy that runs at most {@code threads} S3 requests at once per create or update. */
  public PackageSettings withHashConcurrency(int threads) {
    return new PackageSettings(
        catalogUrl, maxManifestEntries, maxNewEntries, maxHashBytes, maxMetadataBytes, threads);
  }
}
