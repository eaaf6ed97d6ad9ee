package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
  private static DemoStartException refused(String... args) {
    return assertThrows(DemoStartException.class, () -> LaunchOptions.parse(List.of(args)));
  }

  @Test
  void demoAlone_usesTheDefaults() {
    LaunchOptions options = LaunchOptions.parse(List.of("--demo"));
    assertEquals(Path.of("quilt-mcp-demo-data"), options.dataDirectory());
    assertEquals(8000, options.port());
    assertEquals(0, options.s3Port());
    assertEquals(0, options.registryPort());
  }

  @Test
  void everyOption_inBothSpellings() {
    LaunchOptions options =
        LaunchOptions.parse(
            List.of(
                "--port=0",
                "--data-dir",
                "/tmp/x",
                "--s3-port",
                "9100",
                "--demo",
                "--registry-port=9101"));
    assertEquals(Path.of("/tmp/x"), options.dataDirectory());
    assertEquals(0, options.port());
    assertEquals(9100, options.s3Port());
    assertEquals(9101, options.registryPort());
  }

  @Test
  void withoutDemo_isAUsageError() {
    DemoStartException e = refused("--port", "9000");
    assertEquals(DemoStartException.EXIT_USAGE, e.exitStatus());
    assertTrue(e.getMessage().contains("--demo is required"), e.getMessage());
  }

  @Test
  void badPorts_missingValues_unknownAndRepeatedArguments_areUsageErrors() {
    assertTrue(refused("--demo", "--port", "65536").getMessage().contains("0 to 65535"));
    assertTrue(refused("--demo", "--s3-port=-1").getMessage().contains("--s3-port"));
    assertTrue(refused("--demo", "--registry-port", "x").getMessage().contains("--registry-port"));
    assertTrue(refused("--demo", "--data-dir").getMessage().contains("needs a value"));
    assertTrue(
        refused("--demo", "--verbose").getMessage().contains("unknown argument '--verbose'"));
    assertTrue(refused("--demo", "--demo").getMessage().contains("given twice"));
    assertTrue(refused("--demo=yes").getMessage().contains("takes no value"));
    for (String[] args :
        List.of(new String[] {"--demo", "--port", "1", "--port", "2"}, new String[] {"x"})) {
      assertEquals(DemoStartException.EXIT_USAGE, refused(args).exitStatus());
    }
  }

  @Test
  void help_isItsOwnOutcome() {
    assertThrows(LaunchOptions.HelpRequested.class, () -> LaunchOptions.parse(List.of("--help")));
    assertThrows(
        LaunchOptions.HelpRequested.class, () -> LaunchOptions.parse(List.of("--demo", "-h")));
  }
}
