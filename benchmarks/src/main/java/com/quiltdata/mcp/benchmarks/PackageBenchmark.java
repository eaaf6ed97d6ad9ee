package com.quiltdata.mcp.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.packages.PackageSettings;
import com.quiltdata.mcp.tools.packages.PackageTools;
import com.quiltdata.mcp.tools.s3.ToolRig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The package tools on a 10,000-entry package, through the engine, over S3Proxy (in memory, behind
 * the tests' counting front) with credentials from the registry stub, exactly as the tests run
 * them. Set-up writes 10,100 small objects, creates {@code bench/big} from 10,000 of them with
 * {@code package_create} (timed once and printed), then a second revision with {@code
 * package_update} that adds 100 objects and removes 100 entries.
 *
 * <p>{@link #browseFullPage} fetches and parses the whole manifest for each call (nothing is cached
 * between calls) and answers the largest page (1,000 entries). {@link #diff} reads both manifests
 * and compares them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Djdk.httpclient.allowRestrictedHeaders=host", "-Xmx1g"})
public class PackageBenchmark {
  static final int ENTRIES = 10_000;
  static final int CHANGED = 100;
  static final String REGISTRY = "bench-registry";
  static final String NAME = "bench/big";

  private Rig rig;
  private Principal user;
  private String browse;
  private String diff;

  /** The package tools with limits raised to admit a 10,000-object create. */
  static final class Rig extends ToolRig {
    Rig() {
      super(
          "package-benchmark-signing-secret-0123456789",
          a -> a,
          r ->
              PackageTools.create(
                      PackageSettings.defaults()
                          .withLimits(100_000, ENTRIES, PackageSettings.defaults().maxHashBytes()),
                      r.aws,
                      r.clock)
                  .tools(),
          REGISTRY);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    rig = new Rig();
    user =
        rig.user(
            "bench@example.com",
            List.of(REGISTRY),
            List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject"));
    IntStream.range(0, ENTRIES + CHANGED)
        .parallel()
        .forEach(
            i ->
                rig.s3
                    .admin()
                    .putObject(
                        b -> b.bucket(REGISTRY).key(key(i)),
                        RequestBody.fromString("row " + i + ", value " + (i * 7919 % 10007))));
    long start = System.nanoTime();
    String first =
        topHash(
            call(
                "package_create",
                "{\"package_name\":\""
                    + NAME
                    + "\",\"registry\":\""
                    + REGISTRY
                    + "\",\"s3_uris\":[\"s3://"
                    + REGISTRY
                    + "/data/part-0/\",\"s3://"
                    + REGISTRY
                    + "/data/part-1/\"],\"flatten\":false}"));
    long created = System.nanoTime() - start;
    StringBuilder update =
        new StringBuilder("{\"package_name\":\"" + NAME + "\",\"registry\":\"" + REGISTRY + "\"");
    update.append(",\"flatten\":false,\"s3_uris\":[\"s3://" + REGISTRY + "/data/part-2/\"]");
    update.append(",\"remove\":[");
    for (int i = 0; i < CHANGED; i++) {
      update.append(i == 0 ? "" : ",").append('"').append(key(i)).append('"');
    }
    update.append("]}");
    start = System.nanoTime();
    String second = topHash(call("package_update", update.toString()));
    long updated = System.nanoTime() - start;
    System.out.printf(
        "%nset-up: package_create of %,d entries %,d ms; package_update (+%d, -%d) %,d ms%n",
        ENTRIES, created / 1_000_000, CHANGED, CHANGED, updated / 1_000_000);
    browse =
        "{\"package_name\":\""
            + NAME
            + "\",\"registry\":\""
            + REGISTRY
            + "\",\"top_hash\":\""
            + first
            + "\",\"limit\":1000}";
    diff =
        "{\"package1_name\":\""
            + NAME
            + "\",\"package2_name\":\""
            + NAME
            + "\",\"registry\":\""
            + REGISTRY
            + "\",\"package1_hash\":\""
            + first
            + "\",\"package2_hash\":\""
            + second
            + "\"}";
    JsonNode page = call("package_browse", browse);
    if (page.path("entries").size() != 1000 || page.path("package_entries").asInt() != ENTRIES) {
      throw new IllegalStateException("the browse page is not what the benchmark expects");
    }
    JsonNode changes = call("package_diff", diff);
    if (changes.path("counts").path("added").asInt() != CHANGED
        || changes.path("counts").path("deleted").asInt() != CHANGED) {
      throw new IllegalStateException("the diff is not what the benchmark expects: " + changes);
    }
  }

  /** Objects 0..9,999 in part-0 and part-1, the extra 100 in part-2. */
  static String key(int i) {
    return "data/part-" + (i < ENTRIES / 2 ? 0 : i < ENTRIES ? 1 : 2) + "/f" + i + ".csv";
  }

  private JsonNode call(String tool, String args) {
    ToolRig.Reply r = rig.call(user, tool, args);
    if (r.isError() || !r.error().isMissingNode()) {
      throw new IllegalStateException(tool + " failed: " + r);
    }
    return r.structured();
  }

  private static String topHash(JsonNode result) {
    return result.path("top_hash").asText();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rig.close();
  }

  /** package_browse: the manifest fetched and parsed, 1,000 entries answered. */
  @Benchmark
  public ToolRig.Reply browseFullPage() {
    return rig.call(user, "package_browse", browse);
  }

  /** package_diff of two 10,000-entry revisions (100 added, 100 deleted). */
  @Benchmark
  public ToolRig.Reply diff() {
    return rig.call(user, "package_diff", diff);
  }
}
