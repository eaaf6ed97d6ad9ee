package com.quiltdata.mcp.tools.packages;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.standins.graphql.CatalogModel;
import com.quiltdata.mcp.standins.graphql.CatalogStandIn;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The package tools on the {@link ToolRig}: a registry bucket and two data buckets, and, for the
 * GraphQL backend, the catalog stand-in (graphql-java over the schema subset) as the registry's
 * {@code /graphql}, knowing the registry and the first data bucket.
 */
final class PackagesRig extends ToolRig {
  static final String REGISTRY = "quilt-registry";
  static final String DATA = "quilt-data";
  static final String OTHER = "quilt-other";
  static final String SECRET = "package-tools-test-signing-secret-0123456789";
  static final List<String> ALL =
      List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");

  /** The catalog stand-in, or null for a rig without one. */
  final CatalogStandIn catalog;

  /** What the stand-in knows, or null. */
  final CatalogModel model;

  PackagesRig() {
    this(p -> p);
  }

  PackagesRig(UnaryOperator<PackageSettings> settings) {
    this(settings, null, null);
  }

  private PackagesRig(
      UnaryOperator<PackageSettings> settings, CatalogStandIn catalog, CatalogModel model) {
    super(
        SECRET,
        a -> a,
        rig ->
            PackageTools.create(settings.apply(PackageSettings.defaults()), rig.aws, rig.clock)
                .tools(),
        REGISTRY,
        DATA,
        OTHER);
    this.catalog = catalog;
    this.model = model;
  }

  /** A rig whose packages go through the catalog stand-in, which verifies tokens with SECRET. */
  static PackagesRig graphql() {
    return withCatalog(PackageSettings.Backend.GRAPHQL, SECRET, CatalogStandIn.Release.CURRENT);
  }

  /**
   * A rig with the catalog stand-in as the registry's {@code /graphql}.
   *
   * @param backend the backend setting
   * @param catalogSecret the secret the stand-in verifies tokens with (another one refuses them)
   * @param release the schema the stand-in serves
   */
  static PackagesRig withCatalog(
      PackageSettings.Backend backend, String catalogSecret, CatalogStandIn.Release release) {
    // the stand-in keeps the rig's time (set once the rig exists), so shifted tokens stay valid
    AtomicReference<Clock> time = new AtomicReference<>(Clock.systemUTC());
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return time.get().instant();
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    CatalogModel model = CatalogModel.withoutObjects(clock);
    model.addBucket(
        new CatalogModel.Bucket(REGISTRY, "Registry", "Where packages live", List.of()));
    model.addBucket(new CatalogModel.Bucket(DATA, "Data", "Raw data", List.of("raw")));
    model.addBucket(new CatalogModel.Bucket("quilt-unseen", "Unseen", null, List.of()));
    CatalogStandIn catalog =
        CatalogStandIn.start(
            model,
            JwtVerifier.create(
                VerifierConfig.builder(KeyRing.of(SigningKey.ofUtf8(null, catalogSecret)))
                    .clock(clock)
                    .build()),
            release);
    try {
      PackagesRig rig = new PackagesRig(s -> s.withBackend(backend, catalog.url()), catalog, model);
      time.set(rig.clock);
      return rig;
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /** Every action on the three buckets. */
  Principal alice() {
    return user("alice@example.com", List.of(REGISTRY, DATA, OTHER), ALL);
  }

  /** Like alice, with the catalog's admin role (bucketConfigs shows an admin every bucket). */
  Principal admin() {
    return principal(
        JwtMinter.create(SigningKey.ofUtf8(null, SECRET), clock)
            .enhanced("root@example.com")
            .buckets(List.of(REGISTRY, DATA, OTHER))
            .permissions(ALL)
            .roles(List.of("admin"))
            .mint());
  }

  @Override
  public void close() {
    super.close();
    if (catalog != null) {
      catalog.close();
    }
  }
}
