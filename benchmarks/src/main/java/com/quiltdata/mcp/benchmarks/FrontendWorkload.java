package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.tools.s3.CredentialRegistry;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The workload the Quilt frontend sends (issue 16): legacy sessions, and on every call a freshly
 * minted token (its own {@code iat} and {@code jti}, so no two calls share a token) and a {@code
 * tools/call bucket_objects_list} that goes through the registry credential exchange and S3.
 *
 * <p>Starts the registry stand-in and S3Proxy in this process, the packaged server as a child
 * (through its launcher), then drives {@code CONNECTIONS} closed-loop clients for a warm-up and a
 * measured period and prints throughput, p50/p99, registry calls per tool call and the server
 * process's CPU time per call (from {@code /proc}). Loopback only; every period is bounded.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.quiltdata.mcp.benchmarks.FrontendWorkload \
 *     [WARMUP_S=20] [MEASURE_S=20] [CONNECTIONS=32]
 * </pre>
 */
public final class FrontendWorkload {
  private static final String BUCKET = "quilt-prod-dataset-2000";
  private static final String SUBJECT = "frontend-user-0001";
  private static final int PORT = 18200;

  private FrontendWorkload() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int measure = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String secret = "frontend-load-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    SigningKey key = SigningKey.ofUtf8(null, secret);
    try (S3ProxyServer s3 = S3ProxyServer.start(BUCKET);
        CredentialRegistry registry = new CredentialRegistry(Clock.systemUTC())) {
      for (int n = 0; n < 25; n++) {
        int i = n;
        s3.admin()
            .putObject(
                b -> b.bucket(BUCKET).key(String.format("data/2026/readings-%03d.csv", i)),
                RequestBody.fromString("t,value\n" + i + ",1.0\n"));
      }
      Process server = startServer(secret, registry.url(), s3.directEndpoint());
      try {
        awaitHealthy(server);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JwtMinter minter = JwtMinter.create(key, Clock.systemUTC());
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
          callers.add(new Caller(http, minter));
        }
        for (Caller c : callers) {
          c.initialize();
        }
        System.out.printf("warm-up %d s, %d connections%n", warmup, connections);
        run(callers, Duration.ofSeconds(warmup));
        int registryBefore = registry.calls();
        long cpuBefore = cpuTicks(server.pid());
        Result r = run(callers, Duration.ofSeconds(measure));
        long cpuTicks = cpuTicks(server.pid()) - cpuBefore;
        int registryCalls = registry.calls() - registryBefore;
        System.out.printf(
            "RESULT calls=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f registry_per_call=%.3f"
                + " server_cpu_per_call_us=%.0f%n",
            r.calls,
            r.errors,
            r.calls / (double) measure,
            r.percentile(50) / 1e6,
            r.percentile(99) / 1e6,
            registryCalls / (double) Math.max(1, r.calls),
            cpuTicks * 10_000.0 / Math.max(1, r.calls));
      } finally {
        server.destroy();
        server.waitFor();
      }
    }
  }

  private static Process startServer(String secret, URI registry, URI s3) throws IOException {
    Path launcher = Path.of("server-javalin/bin/quilt-mcp-server");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("run from the project root after ./mvnw install");
    }
    ProcessBuilder b = new ProcessBuilder(launcher.toString());
    Map<String, String> env = b.environment();
    env.keySet().removeIf(k -> k.startsWith("MCP_") || k.startsWith("AWS_"));
    env.putAll(
        Map.of(
            "MCP_JWT_SECRET", secret,
            "QUILT_REGISTRY_URL", registry.toString(),
            "MCP_PORT", Integer.toString(PORT),
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_S3", s3.toString()));
    // the server settings under study pass through (MCP_CPU_SLOTS=off against auto, say)
    for (String name : List.of("MCP_CPU_SLOTS", "MCP_CPU_SLOT_WAIT_MS", "MCP_MAX_THREADS")) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    b.redirectOutput(Path.of("/tmp/frontend-workload-server.log").toFile());
    b.redirectErrorStream(true);
    return b.start();
  }

  private static void awaitHealthy(Process server) throws InterruptedException {
    HttpClient probe = HttpClient.newHttpClient();
    for (int i = 0; i < 300 && server.isAlive(); i++) {
      try {
        HttpResponse<Void> r =
            probe.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server not healthy; see /tmp/frontend-workload-server.log");
  }

  /** utime + stime of a process, in clock ticks (1/100 s). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static Result run(List<Caller> callers, Duration period) throws InterruptedException {
    long end = System.nanoTime() + period.toNanos();
    List<Thread> threads = new ArrayList<>();
    Result result = new Result();
    for (Caller c : callers) {
      Thread t = new Thread(() -> c.loop(end, result));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return result;
  }

  /** Latencies and errors of one period, from every caller. */
  private static final class Result {
    private final List<long[]> parts = new ArrayList<>();
    long calls;
    long errors;
    private long[] sorted;

    synchronized void add(long[] latencies, int n, long failed) {
      parts.add(Arrays.copyOf(latencies, n));
      calls += n;
      errors += failed;
    }

    synchronized double percentile(int p) {
      if (sorted == null) {
        sorted = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      }
      if (sorted.length == 0) {
        return 0;
      }
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
  }

  /** One connection's worth of frontend: a session, then calls with a fresh token each. */
  private static final class Caller {
    private final HttpClient http;
    private final JwtMinter minter;
    private String session;
    private long next;

    Caller(HttpClient http, JwtMinter minter) {
      this.http = http;
      this.minter = minter;
    }

    private String freshToken() {
      return minter
          .enhanced(SUBJECT)
          .buckets(CatalogShapes.buckets())
          .permissions(CatalogShapes.permissions())
          .roles(CatalogShapes.roles())
          .scope("read write list")
          .level("power")
          .claim("jti", Long.toHexString(Thread.currentThread().getId()) + "-" + next++)
          .ttl(Duration.ofHours(1))
          .mint();
    }

    private HttpRequest.Builder post(String body) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/mcp"))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("MCP-Protocol-Version", "2025-06-18")
              .header("Authorization", "Bearer " + freshToken())
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (session != null) {
        b.header("Mcp-Session-Id", session);
      }
      return b;
    }

    void initialize() throws IOException, InterruptedException {
      HttpResponse<String> init =
          http.send(
              post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                      + "\"clientInfo\":{\"name\":\"frontend-load\",\"version\":\"1\"}}}")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    void loop(long end, Result result) {
      long[] latencies = new long[1 << 16];
      int n = 0;
      long failed = 0;
      Map<String, Integer> firstErrors = new HashMap<>();
      String body =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
              + "\"name\":\"bucket_objects_list\",\"arguments\":{\"bucket\":\""
              + BUCKET
              + "\",\"prefix\":\"data/\",\"max_keys\":10}}}";
      while (System.nanoTime() < end && n < latencies.length) {
        long t0 = System.nanoTime();
        try {
          HttpResponse<String> r =
              http.send(post(body).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200 || r.body().contains("\"isError\":true")) {
            failed++;
            firstErrors.merge(
                r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())),
                1,
                Integer::sum);
          }
        } catch (IOException e) {
          failed++;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        latencies[n++] = System.nanoTime() - t0;
      }
      if (!firstErrors.isEmpty()) {
        System.out.println("errors seen: " + firstErrors.keySet().iterator().next());
      }
      result.add(latencies, n, failed);
    }
  }
}
