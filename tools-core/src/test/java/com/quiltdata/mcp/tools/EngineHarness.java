package com.quiltdata.mcp.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

/** Sends JSON text through an engine and reads the answer back. */
public final class EngineHarness {
  public static final Clock CLOCK = Clock.fixed(TestPrincipals.NOW, ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineHarness() {}

  public static McpEngine.Builder builder(CountingAuthorizer authorizer) {
    return McpEngine.builder().authorizer(authorizer).clock(CLOCK).serverInfo("quilt-mcp", "9.9.9");
  }

  public static EngineResponse send(McpEngine engine, String json, CallContext context) {
    return engine.handle(json.getBytes(StandardCharsets.UTF_8), context);
  }

  /** An HTTP context of a legacy session negotiated at {@code version}, for {@code principal}. */
  public static CallContext legacy(Principal principal, String version) {
    Session session =
        new Session(
            "sess-0123456789",
            principal == null ? null : principal.subject(),
            version,
            TestPrincipals.NOW,
            TestPrincipals.NOW);
    return CallContext.http().principal(principal).session(session).build();
  }

  public static JsonNode body(EngineResponse response) {
    assertTrue(response.hasBody(), "expected a body, got " + response);
    String text = response.body().orElseThrow();
    assertFalse(text.contains("\n"), "a body must be one line");
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("body is not JSON", e);
    }
  }

  public static int errorCode(EngineResponse response) {
    return body(response).path("error").path("code").asInt();
  }
}
