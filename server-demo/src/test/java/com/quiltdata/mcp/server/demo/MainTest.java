package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's exit statuses and messages for the failures that need no running demo. */
class MainTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    return Main.run(List.of(args), out, err, Clock.systemUTC(), new SecureRandom());
  }

  private String stdout() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArguments_printsUsageAndExits2() {
    assertEquals(2, run());
    assertTrue(stderr().startsWith("quilt-mcp-demo: --demo is required"), stderr());
    assertTrue(stderr().contains("usage: java -jar quilt-mcp-demo.jar --demo"), stderr());
    assertEquals("", stdout(), "nothing starts, nothing is announced");
  }

  @Test
  void help_printsUsageOnStdoutAndExits0() {
    assertEquals(0, run("--help"));
    assertTrue(stdout().startsWith("usage: java -jar quilt-mcp-demo.jar --demo"), stdout());
    assertEquals("", stderr());
  }

  @Test
  void unwritableDataDirectory_isOneLineAndExit3(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    assertEquals(3, run("--demo", "--port", "0", "--data-dir", file.resolve("data").toString()));
    assertEquals(1, stderr().lines().count(), stderr());
    assertTrue(
        stderr()
            .startsWith(
                "quilt-mcp-demo: the data directory " + file.resolve("data") + " cannot be"),
        stderr());
    assertTrue(stderr().contains("choose another with --data-dir"), stderr());
  }
}
