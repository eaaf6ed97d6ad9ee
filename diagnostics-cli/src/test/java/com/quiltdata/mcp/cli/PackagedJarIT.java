package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.quiltdata.mcp.jwt.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar (and the launcher script) run as separate processes: the manifest, the shading and
 * the real process environment, none of which the in-process tests exercise.
 */
class PackagedJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("diag.jar", "target/quilt-mcp-diag.jar"));
  private static final Path LAUNCHER =
      Path.of(System.getProperty("diag.launcher", "bin/quilt-mcp-diag"));

  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("MCP_") || k.startsWith("QUILT_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("diag-out", ".txt");
    Path err = Files.createTempFile("diag-err", ".txt");
    try {
      pb.redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      p.getOutputStream().close();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish within 60 s");
      return new Outcome(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void javaJar_fingerprintFromEnvironment_printsKeyFingerprint() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR);
    String secret = Canaries.strongSecret();
    Outcome o = run(java("fingerprint", "--secret-env", "X"), Map.of("X", secret));
    assertEquals(0, o.exit(), o::toString);
    assertEquals(
        SigningKey.ofUtf8(null, secret).fingerprint(), o.out().lines().findFirst().orElseThrow());
    assertTrue(o.out().contains("source       env X"), o::toString);
    Canaries.assertClean(o.out() + o.err());
  }

  @Test
  void javaJar_unsetVariable_configErrorExitOneLine() throws Exception {
    Outcome o = run(java("fingerprint", "--secret-env", "X"), Map.of());
    assertEquals(ExitCode.CONFIG_ERROR.code(), o.exit(), o::toString);
    assertEquals("", o.out());
    assertTrue(o.err().startsWith("error: the environment variable X is not set"), o::toString);
    assertFalse(o.err().contains("Exception"), o::toString);
  }

  @Test
  void launcherScript_runsTheJar() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    String secret = Canaries.strongSecret();
    Outcome o =
        run(
            List.of(LAUNCHER.toString(), "fingerprint", "--secret-env", "X", "--json"),
            Map.of("X", secret, "QUILT_MCP_DIAG_JAR", JAR.toString()));
    assertEquals(0, o.exit(), o::toString);
    assertTrue(o.out().contains(SigningKey.ofUtf8(null, secret).fingerprint()), o::toString);
    Canaries.assertClean(o.out() + o.err());
  }
}
