package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the package tools read and write packages, where they link to, and what they allow per
 * call. Packages live in the registry's S3 (quilt3's format v1) or behind the catalog's GraphQL
 * ({@code {registryUrl}/graphql}), as {@link #backend} picks. Immutable; {@link
 * #fromEnvironment(Map)} reads {@link #VARIABLES}.
 *
 * @param backend which backend the tools use ({@code MCP_PACKAGE_BACKEND})
 * @param registryUrl the Quilt registry whose {@code /graphql} is the catalog's GraphQL ({@code
 *     QUILT_REGISTRY_URL}), or {@code null}
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
    Backend backend,
    URI registryUrl,
    URI catalogUrl,
    int maxManifestEntries,
    int maxNewEntries,
    long maxHashBytes,
    int maxMetadataBytes,
    int hashConcurrency) {

  /** Where packages are read and written. */
  public enum Backend {
    /** The registry bucket's S3, in quilt3's format v1 (always available). */
    S3,
    /** The catalog's GraphQL at {@code {registryUrl}/graphql}, with the caller's token. */
    GRAPHQL,
    /**
     * GraphQL when a registry URL is set, the caller has a token, and a probe of {@code /graphql}
     * answers as GraphQL (the verdict cached per registry for a bounded time); S3 otherwise.
     */
    AUTO
  }

  /** {@code MCP_PACKAGE_BACKEND}: {@code s3}, {@code graphql} or {@code auto}. */
  public static final EnvironmentVariable BACKEND =
      EnvironmentVariable.choice("MCP_PACKAGE_BACKEND", "auto", "s3", "graphql", "auto");

  /** {@code QUILT_REGISTRY_URL}: the registry, whose {@code /graphql} the GraphQL backend uses. */
  public static final EnvironmentVariable REGISTRY_URL =
      EnvironmentVariable.url("QUILT_REGISTRY_URL", null);

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
          BACKEND,
          REGISTRY_URL,
          CATALOG_URL,
          MAX_ENTRIES,
          MAX_NEW_ENTRIES,
          MAX_HASH_BYTES,
          MAX_METADATA_BYTES,
          HASH_CONCURRENCY);

  /** Validates every field and names the bad one. */
  public PackageSettings {
    java.util.Objects.requireNonNull(backend, "backend");
    if (backend == Backend.GRAPHQL && registryUrl == null) {
      throw new IllegalArgumentException(
          "backend GRAPHQL needs a registryUrl (MCP_PACKAGE_BACKEND=graphql needs"
              + " QUILT_REGISTRY_URL)");
    }
    MAX_ENTRIES.checkRange(maxManifestEntries, "maxManifestEntries");
    MAX_NEW_ENTRIES.checkRange(maxNewEntries, "maxNewEntries");
    MAX_HASH_BYTES.checkRange(maxHashBytes, "maxHashBytes");
    MAX_METADATA_BYTES.checkRange(maxMetadataBytes, "maxMetadataBytes");
    HASH_CONCURRENCY.checkRange(hashConcurrency, "hashConcurrency");
  }

  /** The S3 backend, no registry or catalog URL, every limit at its default. */
  public static PackageSettings defaults() {
    return new PackageSettings(Backend.S3, null, null, 100_000, 1000, 1L << 30, 64 * 1024, 8);
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static PackageSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader r = EnvironmentReader.of(env);
    Backend backend = Backend.valueOf(r.choice(BACKEND).toUpperCase(java.util.Locale.ROOT));
    URI registry = r.url(REGISTRY_URL);
    if (backend == Backend.GRAPHQL && registry == null) {
      throw new IllegalArgumentException(
          BACKEND.name() + "=graphql needs " + REGISTRY_URL.name() + " (the registry's URL)");
    }
    return new PackageSettings(
        backend,
        registry,
        r.url(CATALOG_URL),
        (int) r.integer(MAX_ENTRIES),
        (int) r.integer(MAX_NEW_ENTRIES),
        r.integer(MAX_HASH_BYTES),
        (int) r.integer(MAX_METADATA_BYTES),
        (int) r.integer(HASH_CONCURRENCY));
  }

  /** A copy with another backend and registry URL ({@code null} for none). */
  public PackageSettings withBackend(Backend newBackend, URI newRegistryUrl) {
    return new PackageSettings(
        newBackend,
        newRegistryUrl,
        catalogUrl,
        maxManifestEntries,
        maxNewEntries,
        maxHashBytes,
        maxMetadataBytes,
        hashConcurrency);
  }

  /** A copy with another catalog URL. */
  public PackageSettings withCatalogUrl(URI url) {
    return new PackageSettings(
        backend,
        registryUrl,
        url,
        maxManifestEntries,
        maxNewEntries,
        maxHashBytes,
        maxMetadataBytes,
        hashConcurrency);
  }

  /** A copy with other per-call limits. */
  public PackageSettings withLimits(int manifestEntries, int newEntries, long hashBytes) {
    return new PackageSettings(
        backend,
        registryUrl,
        catalogUrl,
        manifestEntries,
        newEntries,
        hashBytes,
        maxMetadataBytes,
        hashConcurrency);
  }

  /** A copy that runs at most {@code threads} S3 requests at once per create or update. */
  public PackageSettings withHashConcurrency(int threads) {
    return new PackageSettings(
        backend,
        registryUrl,
        catalogUrl,
        maxManifestEntries,
        maxNewEntries,
        maxHashBytes,
        maxMetadataBytes,
        threads);
  }
}
