package com.quiltdata.mcp.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped launcher ({@code bin/quilt-mcp-stdio}) on the packaged jar and the start-up archive
 * the build wrote next to it: the JVM runs with the shipped flags and the archive (read from the
 * process's own command line; {@code -Xshare:on} makes a bad archive a failed start), answers
 * {@code initialize} on stdout and exits 0 at end of input.
 */
class LauncherIT {
  private static final Path JAR =
      Path.of(System.getProperty("stdio.jar", "target/quilt-mcp-stdio.jar")).toAbsolutePath();
  private static final Path ARCHIVE = Path.of(JAR.toString().replaceFirst("\\.jar$", ".jsa"));
  private static final Path LAUNCHER =
      Path.of(System.getProperty("stdio.launcher", "bin/quilt-mcp-stdio")).toAbsolutePath();
  private static final boolean ARCHIVE_EXPECTED =
      !Boolean.parseBoolean(System.getProperty("startup-archive.skip", "false"));

  @Test
  void launcher_answersInitialize_withShippedFlagsAndArchive() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR);
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the command line from /proc");
    List<String> args =
        answersInitialize(
            launcher(
                Path.of(System.getProperty("java.home")),
                JAR,
                ARCHIVE_EXPECTED ? "-Xshare:on" : ""));
    assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), args::toString);
    assertTrue(args.contains("-XX:+UseSerialGC"), args::toString);
    assertTrue(args.contains("-XX:TieredStopAtLevel=1"), args::toString);
    assertTrue(args.contains("-Xlog:all=warning:stderr"), args::toString);
    assertEquals(JAR.toString(), args.get(args.indexOf("-jar") + 1), args::toString);
    if (ARCHIVE_EXPECTED) {
      assertTrue(Files.isRegularFile(ARCHIVE), "the build wrote no archive: " + ARCHIVE);
      assertTrue(args.contains("-XX:SharedArchiveFile=" + ARCHIVE), args::toString);
      assertTrue(args.contains("-Xshare:on"), args::toString);
    }
  }

  @Test
  void onJdk25_theLauncherWritesAnAotCache_andStdoutStaysTheProtocolStream() throws Exception {
    Path jdk = newerJdk(25);
    assumeTrue(jdk != null, "no JDK 25 or newer under /usr/lib/jvm (set -Djdk25.home)");
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the command line from /proc");
    Path dir = Files.createTempDirectory("stdio-aot");
    Path jar = Files.copy(JAR, dir.resolve("quilt-mcp-stdio.jar"));
    Path aot = dir.resolve("quilt-mcp-stdio.aot");
    ProcessBuilder write = launcher(jdk, jar, "", "--write-startup-archive");
    write.redirectErrorStream(true).redirectOutput(dir.resolve("training.log").toFile());
    Process training = write.start();
    assertTrue(training.waitFor(180, TimeUnit.SECONDS), "the training run did not end in 180 s");
    String log = Files.readString(dir.resolve("training.log"));
    assertEquals(0, training.exitValue(), log);
    assertTrue(Files.isRegularFile(aot), log);
    assertTrue(Files.notExists(dir.resolve("quilt-mcp-stdio.jsa")), log);

    // AOTMode=on: the JVM exits instead of starting without a cache it cannot use; the first line
    // on stdout must still be the answer, not a JVM message
    List<String> args = answersInitialize(launcher(jdk, jar, "-XX:AOTMode=on"));
    assertTrue(args.contains("-XX:AOTCache=" + aot), args::toString);
    assertTrue(!args.contains("-Xshare:auto"), "AOT caches refuse -Xshare: " + args);

    // a cache the JVM refuses (the jar changed after it was written): it starts without it and
    // still answers first on stdout
    assertTrue(jar.toFile().setLastModified(System.currentTimeMillis() + 5_000));
    answersInitialize(launcher(jdk, jar, ""));
  }

  /** The launcher with a clean environment, this JDK and jar, and these JAVA_OPTS. */
  private static ProcessBuilder launcher(Path jdk, Path jar, String javaOpts, String... args) {
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString());
    pb.command().addAll(Arrays.asList(args));
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("MCP_") || k.startsWith("QUILT_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", jdk.toString());
    env.put("QUILT_MCP_STDIO_JAR", jar.toString());
    env.put("JAVA_OPTS", javaOpts);
    return pb;
  }

  /**
   * Starts the server, checks that the first line on stdout answers {@code initialize}, ends its
   * input and checks it exits 0.
   *
   * @return the JVM's command line
   */
  private static List<String> answersInitialize(ProcessBuilder pb) throws Exception {
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process server = pb.start();
    try {
      OutputStream in = server.getOutputStream();
      in.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                  + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"launcher-it\",\"version\":\"1\"}}}\n")
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertNotNull(line, "no answer; the launcher exited with " + exitOf(server));
      JsonNode answer = new ObjectMapper().readTree(line);
      assertEquals(1, answer.path("id").asInt(), line);
      assertEquals("2025-06-18", answer.path("result").path("protocolVersion").asText(), line);
      List<String> args = commandLine(server.pid());
      in.close();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "no exit 30 s after end of input");
      assertEquals(0, server.exitValue());
      return args;
    } finally {
      server.destroyForcibly();
    }
  }

  /** A JDK of at least {@code feature} ({@code -Djdk25.home}, else one under /usr/lib/jvm). */
  private static Path newerJdk(int feature) throws java.io.IOException {
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

  private static String exitOf(Process p) throws InterruptedException {
    return p.waitFor(10, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "(running)";
  }

  private static List<String> commandLine(long pid) throws java.io.IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }
}
