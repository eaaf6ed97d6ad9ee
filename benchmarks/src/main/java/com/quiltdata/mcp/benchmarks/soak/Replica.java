package com.quiltdata.mcp.benchmarks.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One server replica: the packaged {@code quilt-mcp-server.jar} run as a child process with an
 * environment built by the harness alone (nothing inherited but {@code PATH}), its stdout and
 * stderr in a log file. {@link #sample()} reads what the soak tracks from outside the process.
 */
final class Replica implements AutoCloseable {
  /** What one sample of the process holds. */
  record Sample(long heapAfterGcKb, long metaspaceKb, int threads, int fds) {}

  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final Pattern META = Pattern.compile("Metaspace\\s+used (\\d+)K");
  private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private Replica(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the jar and waits (up to 60 s) until {@code /healthz} answers 200.
   *
   * @param env the server's whole environment (the harness adds {@code MCP_PORT} and {@code PATH})
   */
  static Replica start(String name, Path jar, Path dir, String heap, Map<String, String> env)
      throws IOException, InterruptedException {
    int port = freePort();
    Path log = dir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    pb.environment().put("MCP_HOST", "127.0.0.1");
    pb.environment().put("MCP_PORT", Integer.toString(port));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Replica replica = new Replica(name, port, pb.start(), log);
    replica.awaitHealthy(Duration.ofSeconds(60));
    return replica;
  }

  private void awaitHealthy(Duration limit) throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start; see " + log);
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(base().resolve("/healthz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not become healthy in " + limit + "; see " + log);
  }

  String name() {
    return name;
  }

  /** {@code http://127.0.0.1:port}. */
  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** {@code http://127.0.0.1:port/mcp}. */
  URI mcp() {
    return base().resolve("/mcp");
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Heap after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}: the sum of the
   * used sizes of the generations), metaspace, threads ({@code /proc/PID/status}) and open file
   * descriptors ({@code /proc/PID/fd}).
   */
  Sample sample() throws IOException, InterruptedException {
    jcmd("GC.run");
    String heap = jcmd("GC.heap_info");
    long used = 0;
    long meta = -1;
    for (String line : heap.split("\n")) {
      Matcher m = META.matcher(line);
      if (m.find()) {
        meta = Long.parseLong(m.group(1));
        continue;
      }
      Matcher u = USED.matcher(line);
      if (u.find()) {
        used += Long.parseLong(u.group(1));
      }
    }
    String status =
        Files.readString(Path.of("/proc", Long.toString(pid()), "status"), StandardCharsets.UTF_8);
    Matcher t = THREADS.matcher(status);
    int threads = t.find() ? Integer.parseInt(t.group(1)) : -1;
    int fds;
    try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      fds = (int) s.count();
    }
    return new Sample(used, meta, threads, fds);
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + command + " did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<Path> logs(List<Replica> replicas) {
    List<Path> out = new ArrayList<>();
    replicas.forEach(r -> out.add(r.log()));
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "Replica[" + name + " :" + port + " pid " + pid() + "]";
  }
}
