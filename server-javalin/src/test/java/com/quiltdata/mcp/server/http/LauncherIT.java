package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped launcher ({@code bin/quilt-mcp-server}) on the packaged jar and the start-up archive
 * the build wrote next to it: the JVM really runs with the shipped flags and the archive (read from
 * the process's own command line), the archive is valid ({@code -Xshare:on} refuses to start
 * otherwise), and {@code --health-check} tells a healthy server from a stopped one.
 */
class LauncherIT {
  private static final Path JAR =
      Path.of(System.getProperty("server.jar", "target/quilt-mcp-server.jar")).toAbsolutePath();
  private static final Path ARCHIVE =
      Path.of(JAR.toString().replaceFirst("\\.jar$", ".jsa")).toAbsolutePath();
  private static final Path LAUNCHER =
      Path.of(System.getProperty("server.launcher", "bin/quilt-mcp-server")).toAbsolutePath();
  private static final boolean ARCHIVE_EXPECTED =
      !Boolean.parseBoolean(System.getProperty("startup-archive.skip", "false"));

  @Test
  void launcher_servesHealthz_withShippedFlagsAndArchive() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR);
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the command line from /proc");
    int port = freePort();
    // -Xshare:on after the shipped -Xshare:auto: the JVM exits if the archive cannot be mapped
    Process server = start(port, ARCHIVE_EXPECTED ? "-Xshare:on" : "");
    try {
      awaitHealthy(server, port);
      List<String> args = commandLine(server.pid());
      assertTrue(args.contains("-XX:MaxRAMPercentage=75"), args::toString);
      assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), args::toString);
      assertTrue(args.contains("-XX:+UseParallelGC"), args::toString);
      assertTrue(args.contains("-Xshare:auto"), args::toString);
      assertEquals(JAR.toString(), args.get(args.indexOf("-jar") + 1), args::toString);
      if (ARCHIVE_EXPECTED) {
        assertTrue(Files.isRegularFile(ARCHIVE), "the build wrote no archive: " + ARCHIVE);
        assertTrue(args.contains("-XX:SharedArchiveFile=" + ARCHIVE), args::toString);
        assertTrue(args.contains("-Xshare:on"), args::toString);
      }
      assertEquals(0, healthCheck(port), "--health-check against the running server");
    } finally {
      stop(server);
    }
    assertEquals(1, healthCheck(port), "--health-check once the server has stopped");
  }

  @Test
  void onJdk25_theLauncherWritesAnAotCache_andTheServerStartsFromIt() throws Exception {
    Path jdk = newerJdk(25);
    assumeTrue(jdk != null, "no JDK 25 or newer under /usr/lib/jvm (set -Djdk25.home)");
    Path dir = Files.createTempDirectory("launcher-aot");
    Path jar = Files.copy(JAR, dir.resolve("quilt-mcp-server.jar"));
    Path aot = dir.resolve("quilt-mcp-server.aot");
    ProcessBuilder write = new ProcessBuilder("sh", LAUNCHER.toString(), "--write-startup-archive");
    environment(write, 0);
    write.environment().put("JAVA_HOME", jdk.toString());
    write.environment().put("QUILT_MCP_SERVER_JAR", jar.toString());
    write.environment().put("MCP_JWT_SECRET", "launcher-test-secret-" + "x".repeat(32));
    write.redirectErrorStream(true).redirectOutput(dir.resolve("training.log").toFile());
    Process training = write.start();
    assertTrue(training.waitFor(180, TimeUnit.SECONDS), "the training run did not end in 180 s");
    String log = Files.readString(dir.resolve("training.log"));
    assertEquals(0, training.exitValue(), log);
    assertTrue(Files.isRegularFile(aot), log);
    assertTrue(Files.notExists(dir.resolve("quilt-mcp-server.jsa")), log);

    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString());
    environment(pb, port);
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().put("QUILT_MCP_SERVER_JAR", jar.toString());
    // AOTMode=on: the JVM exits instead of starting without a cache it cannot use
    pb.environment().put("JAVA_OPTS", "-XX:AOTMode=on");
    pb.environment().put("MCP_JWT_SECRET", "launcher-test-secret-" + "x".repeat(32));
    pb.environment().put("QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process server = pb.start();
    try {
      awaitHealthy(server, port);
      List<String> args = commandLine(server.pid());
      assertTrue(args.contains("-XX:AOTCache=" + aot), args::toString);
      assertTrue(args.contains("-XX:MaxRAMPercentage=75"), args::toString);
      assertTrue(args.contains("-XX:+UseParallelGC"), args::toString);
      assertTrue(!args.contains("-Xshare:auto"), "AOT caches refuse -Xshare: " + args);
    } finally {
      stop(server);
    }
  }

  /** A JDK of at least {@code feature} ({@code -Djdk25.home}, else one under /usr/lib/jvm). */
  private static Path newerJdk(int feature) throws IOException {
    String given = System.getProperty("jdk25.home");
    if (given != null) {
      return Path.of(given);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (var dirs = Files.list(jvms)) {
      for (Path d : dirs.sorted().toList()) {
        Path release = d.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(d.resolve("bin/java"))) {
          var m =
              java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                  .matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) >= feature) {
            return d;
          }
        }
      }
    }
    return null;
  }

  private static Process start(int port, String javaOpts) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString());
    environment(pb, port);
    pb.environment().put("JAVA_OPTS", javaOpts);
    pb.environment().put("MCP_JWT_SECRET", "launcher-test-secret-" + "x".repeat(32));
    pb.environment().put("QUILT_REGISTRY_URL", "http://127.0.0.1:9");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static int healthCheck(int port) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString(), "--health-check");
    environment(pb, port);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process probe = pb.start();
    assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the health check did not finish in 30 s");
    return probe.exitValue();
  }

  private static void environment(ProcessBuilder pb, int port) {
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("MCP_") || k.startsWith("QUILT_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("QUILT_MCP_SERVER_JAR", JAR.toString());
    env.put("MCP_PORT", Integer.toString(port));
  }

  /** Polls /healthz until it answers 200 (at most 60 s); fails when the process exits first. */
  private static void awaitHealthy(Process server, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(server.isAlive(), "the launcher exited with " + exitOf(server));
      try {
        if (HealthProbe.send(InetAddress.getLoopbackAddress(), port, healthz()) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/healthz did not answer 200 within 60 s");
  }

  private static String healthz() {
    return "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  }

  private static String exitOf(Process p) {
    return p.isAlive() ? "(running)" : Integer.toString(p.exitValue());
  }

  private static List<String> commandLine(long pid) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }

  private static void stop(Process server) throws InterruptedException {
    server.destroy();
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
