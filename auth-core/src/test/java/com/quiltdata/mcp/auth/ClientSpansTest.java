package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outgoing calls without a tracer send the request's trace on; an installed tracer is used. */
class ClientSpansTest {
  private static final URI TARGET = URI.create("https://registry.example.com/graphql");
  private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @AfterEach
  void clean() {
    TraceParent.leaveLoggingContext();
  }

  @Test
  void untraced_sendsTheCurrentTraceUnchanged_orNone() {
    try (ClientSpans.Call call = ClientSpans.start("POST /graphql", TARGET)) {
      assertEquals(Optional.empty(), call.traceparent());
    }
    new TraceParent(TRACE).enterLoggingContext();
    try (ClientSpans.Call call = ClientSpans.start("POST /graphql", TARGET)) {
      assertEquals(Optional.of(new TraceParent(TRACE)), call.traceparent());
    }
  }

  @Test
  void anInstalledTracer_startsTheCalls_untilItsInstallationCloses() {
    ClientSpans.Call mine = ClientSpans.start("GET /other", TARGET);
    new TraceParent(TRACE).enterLoggingContext();
    try (ClientSpans.Installation installed = ClientSpans.install((name, target) -> mine)) {
      assertSame(mine, ClientSpans.start("GET /x", TARGET));
    }
    assertEquals(
        Optional.of(new TraceParent(TRACE)), ClientSpans.start("GET /x", TARGET).traceparent());
  }
}
