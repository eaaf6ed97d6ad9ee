package com.quiltdata.mcp.tools.athena;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.standins.graphql.CatalogModel;
import com.quiltdata.mcp.standins.graphql.CatalogStandIn;
import com.quiltdata.mcp.tools.catalog.CatalogClient;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.time.Clock;
import java.util.List;

/**
 * The Athena tools on the {@link ToolRig} with the catalog stand-in as the registry's {@code
 * /graphql}, knowing the bucket {@link #DATA}; tokens carry their buckets, so the stand-in and the
 * authorizer see the same grant.
 */
final class TabulatorRig extends ToolRig {
  static final String DATA = "quilt-data";
  static final String OTHER = "quilt-other";
  static final String SECRET = "tabulator-tools-test-signing-secret-0123456789";

  final CatalogStandIn catalog;
  final CatalogModel model;

  private TabulatorRig(CatalogStandIn catalog, CatalogModel model) {
    super(
        SECRET,
        a -> a,
        rig ->
            AthenaTools.create(
                    AthenaSettings.defaults(),
                    rig.aws,
                    CatalogClient.builder(catalog.url()).build())
                .tools(),
        DATA,
        OTHER);
    this.catalog = catalog;
    this.model = model;
  }

  /**
   * A rig whose stand-in verifies tokens with {@code catalogSecret} (another than SECRET refuses
   * them) and serves the schema of {@code release}.
   */
  static TabulatorRig start(String catalogSecret, CatalogStandIn.Release release) {
    CatalogModel model = CatalogModel.withoutObjects(Clock.systemUTC());
    model.addBucket(new CatalogModel.Bucket(DATA, "Data", "Raw data", List.of()));
    model.addBucket(new CatalogModel.Bucket(OTHER, "Other", null, List.of()));
    CatalogStandIn catalog =
        CatalogStandIn.start(
            model,
            JwtVerifier.create(
                VerifierConfig.builder(KeyRing.of(SigningKey.ofUtf8(null, catalogSecret))).build()),
            release);
    try {
      return new TabulatorRig(catalog, model);
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /** May use DATA only. */
  Principal alice() {
    return user("alice@example.com", List.of(DATA), List.of());
  }

  @Override
  public void close() {
    super.close();
    catalog.close();
  }
}
