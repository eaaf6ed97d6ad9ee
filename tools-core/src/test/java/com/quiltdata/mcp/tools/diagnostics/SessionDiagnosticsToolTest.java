package com.quiltdata.mcp.tools.diagnostics;

import static com.quiltdata.mcp.tools.diagnostics.DiagnosticsFixture.structured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.jwt.UnverifiedToken;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionDiagnosticsToolTest {
  private static final String TOOL = DiagnosticsTools.SESSION_DIAGNOSTICS;
  private final List<DiagnosticsFixture> fixtures = new ArrayList<>();

  private DiagnosticsFixture track(DiagnosticsFixture f) {
    fixtures.add(f);
    return f;
  }

  @AfterEach
  void nothingLeaked() {
    for (DiagnosticsFixture f : fixtures) {
      try {
        assertTrue(f.answers() > 0, "the leak check saw no answer");
        f.assertNoLeaks();
      } finally {
        f.close();
      }
    }
  }

  @Test
  void ownSession_showsAgeIdleExpiryAndBinding_othersOnlyAsCounts() {
    DiagnosticsFixture f = track(new DiagnosticsFixture());
    Principal alice = f.principal(f.token("alice"));
    Principal bob = f.principal(f.token("bob.private@example.com"));
    Session bobs = f.sessions.create(bob, "2025-03-26");
    f.sessions.create(null, "2025-06-18");
    Session mine = f.sessions.create(null, "2025-06-18");
    f.clock.advance(Duration.ofMinutes(4));
    f.sessions.lookup(mine.id(), alice);
    f.clock.advance(Duration.ofMinutes(10));
    Session now = f.sessions.lookup(mine.id(), alice).orElseThrow();

    JsonNode s =
        structured(f.call(CallContext.http().principal(alice).session(now).build(), TOOL, "{}"));

    JsonNode session = s.get("session");
    assertTrue(session.get("present").asBoolean());
    assertEquals(UnverifiedToken.fingerprintOf(mine.id()), session.get("id_fingerprint").asText());
    assertTrue(session.get("bound_to_caller").asBoolean());
    assertEquals("alice", session.get("bound_subject").asText());
    assertEquals(alice.subjectFingerprint(), session.get("bound_subject_fingerprint").asText());
    assertEquals("2025-06-18", session.get("protocol_version").asText());
    assertEquals(840, session.get("age_seconds").asLong());
    assertEquals(600, session.get("idle_seconds_before_this_call").asLong());
    assertEquals("2026-03-01T12:44:00Z", session.get("expires_at").asText());
    assertEquals(1800, session.get("seconds_until_expiry").asLong());
    JsonNode store = s.get("store");
    assertTrue(store.get("available").asBoolean());
    assertEquals(3, store.get("active").asInt());
    assertEquals(1, store.get("anonymous").asInt());
    assertEquals(3, store.get("created").asLong());
    String all = s.toString();
    for (String hidden :
        new String[] {mine.id(), bobs.id(), "bob.private", bob.subjectFingerprint()}) {
      assertFalse(all.contains(hidden), "shown: " + hidden);
    }
  }

  @Test
  void statelessRequest_hasNoSessionAndSaysWhy() {
    DiagnosticsFixture f = track(new DiagnosticsFixture());
    Principal alice = f.principal(f.token("alice"));
    JsonNode s =
        structured(
            f.call(
                CallContext.http().principal(alice).negotiatedVersion("2026-07-28").build(),
                TOOL,
                "{}"));
    assertFalse(s.get("session").get("present").asBoolean());
    assertTrue(s.get("session").get("reason").asText().contains("stateless"));
    assertEquals("web", s.get("environment").asText());
    assertTrue(s.get("store").get("available").asBoolean());
  }

  @Test
  void desktop_hasNoSessionsAndNoStore() {
    DiagnosticsFixture f =
        track(new DiagnosticsFixture(DiagnosticsTools.Environment.DESKTOP, false, null, c -> {}));
    McpEngine.Builder builder =
        McpEngine.builder()
            .clock(f.clock)
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build());
    builder.authorizer(com.quiltdata.mcp.auth.PolicyAuthorizer.of(builder.requirements()));
    McpEngine engine = builder.build();
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + TOOL
            + "\",\"arguments\":{}}}";
    JsonNode result =
        EngineHarness.body(
                EngineHarness.send(
                    engine,
                    call,
                    CallContext.stdio()
                        .principal(TestPrincipals.desktop())
                        .negotiatedVersion("2025-06-18")
                        .build()))
            .get("result");
    JsonNode s = structured(result);
    assertEquals("desktop", s.get("environment").asText());
    assertEquals("2025-06-18", s.get("protocol_version").asText());
    assertFalse(s.get("session").get("present").asBoolean());
    assertTrue(s.get("session").get("reason").asText().contains("stdio"));
    assertFalse(s.get("store").get("available").asBoolean());
    // the fixture's own engine answers the same through its recorded path
    JsonNode viaFixture =
        structured(
            f.call(CallContext.stdio().principal(TestPrincipals.desktop()).build(), TOOL, "{}"));
    assertFalse(viaFixture.get("session").get("present").asBoolean());
  }
}
