package com.quiltdata.mcp.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.standins.athena.AthenaStandIn;
import com.quiltdata.mcp.tools.athena.AthenaSettings;
import com.quiltdata.mcp.tools.athena.AthenaTools;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 100,000-row Athena result paged to the client through the engine, as the tests run the tools:
 * the Athena stand-in (DuckDB, SigV4 checked, real GetQueryResults paging over loopback HTTP) and
 * credentials from the registry stub. Set-up runs {@code athena_query_execute} once (its wall time,
 * mostly polling waits, is printed, not measured) and keeps the next_token of the page at row
 * 50,000.
 *
 * <p>{@link #onePage} is one {@code athena_query_results} call of 1,000 rows (the tool's default
 * page): the server's time and, with {@code -prof gc}, its allocation per page. {@link
 * #wholeResult} pages through all 100,000 rows from the first page, 100 calls, as a client would.
 * Both include the stand-in's side of the HTTP exchange, which runs in the same JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AthenaPagingBenchmark {
  static final int ROWS = 100_000;
  static final int PAGE = 1000;

  /** Four columns of the kinds a reading table has: a key, text, a decimal number and a date. */
  static final String SEED =
      "CREATE SCHEMA bench; CREATE TABLE bench.big AS SELECT i AS id,"
          + " 'station-' || (i % 97) AS station, i * 0.25 AS value,"
          + " DATE '2024-01-01' + CAST(i % 365 AS INTEGER) AS day FROM range("
          + ROWS
          + ") t(i)";

  private AthenaStandIn athena;
  private Rig rig;
  private Principal user;
  private String id;
  private String middle;

  /** The Athena tools over the stand-in, polling fast so set-up does not wait long. */
  static final class Rig extends ToolRig {
    Rig(AthenaStandIn athena) {
      super(
          "athena-benchmark-signing-secret-0123456789",
          a -> a.withEndpoint(AwsService.ATHENA, athena.endpoint()),
          r ->
              AthenaTools.create(
                      AthenaSettings.defaults()
                          .withPolling(
                              AthenaSettings.defaults().defaultTimeout(),
                              Duration.ofMillis(20),
                              Duration.ofMillis(100)),
                      r.aws)
                  .tools());
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    athena =
        AthenaStandIn.builder()
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .workgroup(new AthenaStandIn.Workgroup("primary", "s3://bench-results/", true, true))
            .seed(SEED)
            .start();
    rig = new Rig(athena);
    user =
        rig.user(
            "bench@example.com",
            List.of(),
            List.of(
                "athena:ListWorkGroups",
                "athena:GetWorkGroup",
                "athena:StartQueryExecution",
                "athena:GetQueryExecution",
                "athena:GetQueryResults",
                "athena:StopQueryExecution"));
    long start = System.nanoTime();
    JsonNode first =
        call(
            "athena_query_execute",
            "{\"query\":\"SELECT * FROM bench.big ORDER BY id\",\"max_results\":" + PAGE + "}");
    long executed = System.nanoTime() - start;
    id = first.path("query_execution_id").asText();
    String token = first.path("next_token").asText();
    int rows = first.path("rows").size();
    while (rows < ROWS / 2) {
      JsonNode page = call("athena_query_results", results(token));
      rows += page.path("rows").size();
      token = page.path("next_token").asText();
    }
    middle = results(token);
    JsonNode check = call("athena_query_results", middle);
    if (check.path("rows").size() != PAGE
        || check.path("rows").get(0).path("id").asInt() != ROWS / 2) {
      throw new IllegalStateException("the middle page is not what the benchmark expects");
    }
    if (pageThrough() != ROWS) {
      throw new IllegalStateException("paging did not return every row");
    }
    System.out.printf(
        "%nset-up: athena_query_execute of %,d rows (first page of %,d) %,d ms%n",
        ROWS, PAGE, executed / 1_000_000);
  }

  private String results(String token) {
    return "{\"query_execution_id\":\""
        + id
        + "\",\"max_results\":"
        + PAGE
        + (token == null ? "" : ",\"next_token\":\"" + token + "\"")
        + "}";
  }

  private JsonNode call(String tool, String args) {
    ToolRig.Reply r = rig.call(user, tool, args);
    if (r.isError() || !r.error().isMissingNode()) {
      throw new IllegalStateException(tool + " failed: " + r);
    }
    return r.structured();
  }

  private int pageThrough() {
    String token = null;
    int rows = 0;
    do {
      JsonNode page = call("athena_query_results", results(token));
      rows += page.path("rows").size();
      token = page.path("next_token").isTextual() ? page.path("next_token").asText() : null;
    } while (token != null);
    return rows;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rig.close();
    athena.close();
  }

  /** athena_query_results: one 1,000-row page from the middle of the result. */
  @Benchmark
  public ToolRig.Reply onePage() {
    return rig.call(user, "athena_query_results", middle);
  }

  /** athena_query_results from the first page until no next_token: 100 pages, 100,000 rows. */
  @Benchmark
  public int wholeResult() {
    return pageThrough();
  }
}
