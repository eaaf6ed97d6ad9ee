package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.internal.credentials.RegistryStub;
import com.quiltdata.mcp.auth.internal.credentials.SteppingClock;
import com.quiltdata.mcp.auth.internal.credentials.TestIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Issue 14: W3C trace context, strictly parsed, carried to the registry exchange's thread. */
class TraceParentTest {
  static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void clear() {
    TraceParent.leaveLoggingContext();
    executor.shutdownNow();
  }

  @Test
  void onlyWellFormedVersion00Values_areAccepted() {
    assertEquals(
        "4bf92f3577b34da6a3ce929d0e0e4736", TraceParent.parse(VALID).orElseThrow().traceId());
    for (String bad :
        List.of(
            VALID.toUpperCase(),
            "01" + VALID.substring(2),
            VALID + "-extra",
            VALID.substring(0, 54),
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            VALID.replace('-', '_'),
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
            "")) {
      assertTrue(TraceParent.parse(bad).isEmpty(), bad);
    }
    assertTrue(TraceParent.parse(null).isEmpty());
  }

  @Test
  void carrying_runsATaskWithTheCallersTrace_andRestoresTheRunnersOwn() throws Exception {
    TraceParent.parse(VALID).orElseThrow().enterLoggingContext();
    Runnable carried =
        TraceParent.carrying(() -> assertEquals(VALID, MDC.get(TraceParent.MDC_TRACEPARENT)));
    executor.submit(carried).get();
    assertNull(executor.submit(() -> MDC.get(TraceParent.MDC_TRACE_ID)).get(), "restored");
    carried.run(); // inline, on the caller's own thread: its trace stays
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", MDC.get(TraceParent.MDC_TRACE_ID));
  }

  @Test
  void theRegistryExchange_carriesTheCallersTraceparent_andNoneWithoutOne() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-23T10:00:00Z"));
    TestIdentities ids = new TestIdentities(clock);
    try (RegistryStub registry = RegistryStub.start(clock)) {
      RegistryCredentialsBroker broker =
          RegistryCredentialsBroker.builder(
                  CredentialSource.registry(registry.url()).clock(clock).build())
              .clock(clock)
              .executor(executor)
              .build();
      TraceParent.parse(VALID).orElseThrow().enterLoggingContext();
      broker.providerFor(ids.principal("alice", Duration.ofHours(2))).resolveCredentials();
      TraceParent.leaveLoggingContext();
      broker.providerFor(ids.principal("bob", Duration.ofHours(2))).resolveCredentials();
      assertEquals(List.of(VALID, "(none)"), registry.traceparents());
    }
  }
}
