package com.quiltdata.mcp.tools.athena;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.standins.athena.AthenaStandIn;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Athena tools over real components: the local Athena stand-in (DuckDB, SigV4 checked against
 * the key the test registry issues), the tool rig's registry and credentials broker, and the engine
 * with the family's own authorization table. The test JVM's ambient AWS credentials are wrong on
 * purpose; the stand-in refuses them.
 */
final class AthenaRig extends ToolRig {
  /** Every action the Athena tools declare. */
  static final List<String> ALL_ACTIONS =
      AthenaTools.requirements().stream().flatMap(r -> r.actions().stream()).distinct().toList();

  /** A table of 2500 rows: id, a label that is NULL every third row, a year and a date column. */
  static final String SEED =
      "CREATE SCHEMA demo; CREATE TABLE demo.readings AS SELECT i AS id,"
          + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS label,"
          + " 2020 + i % 2 AS year, DATE '2024-01-01' + CAST(i % 30 AS INTEGER) AS date"
          + " FROM range(2500) t(i);"
          + " CREATE TABLE demo.wide AS SELECT i AS id, repeat('x', 5000) AS blob FROM range(40) t(i);"
          + " CREATE TABLE demo.events AS SELECT 1 AS id";

  /** A query that keeps DuckDB busy for many seconds (until stopped). */
  static final String SLOW = "SELECT sum(a.i * b.i) FROM range(300000) a(i), range(300000) b(i)";

  final AthenaStandIn athena;

  private AthenaRig(AthenaStandIn athena, AthenaSettings settings) {
    super(
        "athena-tools-test-secret-0123456789abcdef",
        a -> a.withEndpoint(AwsService.ATHENA, athena.endpoint()),
        rig -> AthenaTools.create(settings, rig.aws).tools());
    this.athena = athena;
  }

  /** A rig whose stand-in has the demo tables and workgroup {@code primary} with a location. */
  static AthenaRig start(AthenaSettings settings) {
    return start(
        settings,
        b ->
            b.workgroup(
                new AthenaStandIn.Workgroup("primary", "s3://athena-results/", false, true)));
  }

  /** A rig whose stand-in is adjusted by {@code standIn} (the seed and credentials are set). */
  static AthenaRig start(AthenaSettings settings, UnaryOperator<AthenaStandIn.Builder> standIn) {
    AthenaStandIn athena =
        standIn
            .apply(
                AthenaStandIn.builder()
                    .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                    .seed(SEED)
                    .partitionKeys("demo", "readings", "year")
                    .location("demo", "readings", "s3://quilt-data/readings/"))
            .start();
    try {
      return new AthenaRig(athena, settings);
    } catch (RuntimeException e) {
      athena.close();
      throw e;
    }
  }

  /** Fast polling, so tests do not wait long between status checks. */
  static AthenaSettings fast() {
    return AthenaSettings.defaults()
        .withPolling(
            AthenaSettings.defaults().defaultTimeout(),
            java.time.Duration.ofMillis(20),
            java.time.Duration.ofMillis(100));
  }

  Principal alice() {
    return user("alice@example.com", List.of("quilt-data"), ALL_ACTIONS);
  }

  Principal with(String... extra) {
    List<String> actions = new ArrayList<>(ALL_ACTIONS);
    actions.addAll(List.of(extra));
    return user("alice@example.com", List.of("quilt-data"), actions);
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      athena.close();
    }
  }
}
