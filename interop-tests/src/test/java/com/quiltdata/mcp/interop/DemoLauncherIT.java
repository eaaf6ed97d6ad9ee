package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged demo launcher's refusals and its graceful stop, as a process. */
class DemoLauncherIT {
  @Test
  void withoutDemoFlag_printsUsageAndExits2() throws Exception {
    InteropEnvironment.demoJar();
    ChildProcess.Outcome outcome =
        ChildProcess.run(
            DemoProcess.builder(DemoProcess.arguments(null, "--port", "0")),
            Map.of(),
            Duration.ofSeconds(60),
            "demo-without-flag");
    assertEquals(2, outcome.exitCode(), outcome::describe);
    assertTrue(outcome.stderr().contains("--demo is required"), outcome::describe);
    assertTrue(outcome.stderr().contains("usage: java -jar quilt-mcp-demo.jar --demo"));
    assertEquals("", outcome.stdout(), "nothing started");
  }

  @Test
  void sigterm_stopsEveryComponentGracefully() throws Exception {
    DemoProcess demo =
        DemoProcess.start(DemoIT.freshDirectory("demo-stop-data"), "demo-stop", Map.of());
    int status = demo.stop();
    String out = demo.stdout();
    assertTrue(out.contains("quilt-mcp-demo: stopping"), out);
    assertTrue(out.strip().endsWith("quilt-mcp-demo: stopped"), out);
    assertFalse(demo.stderr().contains("Exception"), demo.stderr());
    assertEquals(143, status, "terminated by SIGTERM after the shutdown hook ran");
  }
}
