package com.quiltdata.mcp.server.demo;

import com.quiltdata.mcp.standins.athena.AthenaStandIn;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The demo's Athena and Glue: the local stand-in ({@link AthenaStandIn}, DuckDB) on 127.0.0.1, with
 * the database {@code demo} and its table {@code readings} defined over the sample bucket's {@code
 * data/readings.csv}. DuckDB reads the very file S3Proxy serves (the filesystem store keeps an
 * object as a file under {@code <s3 root>/<bucket>/<key>}), at query time, so an object changed
 * through the S3 tools is what the next query sees. The stand-in accepts only requests signed with
 * the demo's S3 key pair, which is what the credential issuer hands out: the MCP server signs its
 * Athena calls with the demo user's exchanged credentials, as with a real registry.
 *
 * <p>DuckDB's native library takes seconds to load, so the database is opened in the background:
 * the listener (and so the demo) is up at once, and the first query waits for the database if it
 * comes sooner. Results stay in memory; nothing is written to the workgroup's output location.
 */
final class DemoAthena implements AutoCloseable {
  /** The database (a DuckDB schema) the sample table is in. */
  static final String DATABASE = "demo";

  /** The sample table. */
  static final String TABLE = "readings";

  /** The object the table reads. */
  static final String OBJECT = "data/readings.csv";

  /** The workgroup, the one every account has, with a result location it enforces. */
  static final String WORKGROUP = "primary";

  /** The query the banner and the docs show. */
  static final String EXAMPLE_QUERY = "SELECT * FROM " + DATABASE + "." + TABLE + " LIMIT 5";

  private final AthenaStandIn standIn;

  private DemoAthena(AthenaStandIn standIn) {
    this.standIn = standIn;
  }

  /**
   * Starts the stand-in over the objects under {@code s3Root} (the embedded S3 server's store).
   *
   * @throws DemoStartException when it cannot start
   */
  static DemoAthena start(Path s3Root, S3Keys keys) {
    Objects.requireNonNull(keys, "keys");
    Path csv = s3Root.resolve(SampleBucket.NAME).resolve(OBJECT).toAbsolutePath();
    String bucket = "s3://" + SampleBucket.NAME + "/";
    try {
      return new DemoAthena(
          AthenaStandIn.builder()
              .credentials(keys.accessKeyId(), keys.secretAccessKey())
              .workgroup(
                  new AthenaStandIn.Workgroup(WORKGROUP, bucket + "athena-results/", true, true))
              .seed(seed(csv))
              .location(DATABASE, TABLE, bucket + OBJECT)
              .openInBackground()
              .start());
    } catch (IllegalStateException e) {
      throw new DemoStartException(
          DemoStartException.EXIT_START_FAILURE,
          "the Athena stand-in did not start (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The schema and a view reading the CSV with fixed column types (Athena's, as Glue reports). */
  static String seed(Path csv) {
    String path = csv.toString().replace("'", "''");
    return "CREATE SCHEMA "
        + DATABASE
        + "; CREATE VIEW "
        + DATABASE
        + "."
        + TABLE
        + " AS SELECT * FROM read_csv('"
        + path
        + "', header = true, columns = {'station': 'VARCHAR', 'timestamp': 'TIMESTAMP',"
        + " 'temperature_c': 'DOUBLE', 'humidity_pct': 'INTEGER'})";
  }

  /** {@code AWS_ENDPOINT_URL_ATHENA} for the MCP server: {@code http://127.0.0.1:<port>}. */
  URI endpoint() {
    return standIn.endpoint();
  }

  /** The access keys that signed the requests so far (for the tests). */
  java.util.List<String> signers() {
    return standIn.requests().stream().map(AthenaStandIn.Request::accessKey).distinct().toList();
  }

  /** Stops the stand-in and its database. */
  @Override
  public void close() {
    standIn.close();
  }

  @Override
  public String toString() {
    return "DemoAthena[" + standIn.endpoint() + "]";
  }
}
