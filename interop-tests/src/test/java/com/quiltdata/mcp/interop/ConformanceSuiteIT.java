package com.quiltdata.mcp.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite against one packaged HTTP server: every server scenario passes
 * except those in {@code conformance-baseline.yml} (see {@link ConformanceRun}).
 */
class ConformanceSuiteIT {
  private static final TestTokens TOKENS = TestTokens.random();

  private static HttpServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServerProcess.start(TOKENS.secret(), "conformance-server");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void conformanceSuite_allServerScenarios_passExceptBaseline() throws Exception {
    ConformanceRun.assertPassesBaseline(
        server.mcpUrl(), TOKENS.mint("conformance@example.com"), "conformance", server::logTail);
  }
}
