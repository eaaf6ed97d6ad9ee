package com.quiltdata.mcp.tools.diagnostics;

import static com.quiltdata.mcp.tools.EngineHarness.body;
import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

class AuthStatusToolTest {
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"auth_status\","
          + "\"arguments\":{}}}";

  /** A broker double reporting cached credentials, never handing out any. */
  private static final class StatusBroker implements CredentialsBroker {
    @Override
    public AwsCredentialsProvider providerFor(Principal principal) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public Optional<CredentialStatus> status(Principal principal) {
      return Optional.of(
          new CredentialStatus(
              "registry",
              Instant.parse("2026-03-01T13:00:00Z"),
              Instant.parse("2026-03-01T12:55:00Z")));
    }
  }

  private JsonNode callAs(Principal principal, CredentialsBroker broker) {
    CountingAuthorizer authorizer = CountingAuthorizer.allowing();
    McpEngine engine =
        EngineHarness.builder(authorizer)
            .credentialsBroker(broker)
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build())
            .build();
    EngineResponse r = send(engine, CALL, legacy(principal, "2025-06-18"));
    assertEquals(Outcome.ANSWER, r.outcome());
    assertEquals(List.of("auth_status"), authorizer.seenTools());
    assertFalse(r.body().orElseThrow().contains(TestPrincipals.ALICE_TOKEN));
    return body(r).get("result");
  }

  @Test
  void authStatus_tokenPrincipal_reportsIdentityGrantsAndExpiry() throws Exception {
    JsonNode result = callAs(TestPrincipals.alice(), new StatusBroker());
    assertFalse(result.get("isError").asBoolean());
    JsonNode s = result.get("structuredContent");
    assertEquals("alice", s.get("subject").asText());
    assertEquals("bearer_token", s.get("origin").asText());
    assertEquals("enhanced", s.get("token_kind").asText());
    assertEquals("quilt-frontend", s.get("issuer").asText());
    assertEquals("quilt-mcp-server", s.get("audiences").get(0).asText());
    assertEquals(2, s.get("buckets").size());
    assertEquals("quilt-demos", s.get("buckets").get(0).asText());
    assertEquals("s3:GetObject", s.get("actions").get(0).asText());
    assertEquals("2026-03-01T13:00:00Z", s.get("expires_at").asText());
    assertEquals(3600, s.get("seconds_left").asLong());
    assertFalse(s.get("expired").asBoolean());
    assertTrue(s.get("token_fingerprint").asText().startsWith("sha256:"));
    assertTrue(s.path("aws_credentials").path("cached").asBoolean());
    assertEquals("registry", s.path("aws_credentials").path("source").asText());
    assertEquals(
        s, new ObjectMapper().readTree(result.path("content").get(0).path("text").asText()));
  }

  @Test
  void authStatus_desktopPrincipal_hasNoTokenFingerprint() {
    JsonNode s = callAs(TestPrincipals.desktop(), null).get("structuredContent");
    assertEquals("desktop", s.get("origin").asText());
    assertFalse(s.has("token_fingerprint"));
    assertFalse(s.path("aws_credentials").path("cached").asBoolean());
  }

  @Test
  void authStatus_neverShowsTheTokenOrItsParts() {
    JsonNode result = callAs(TestPrincipals.alice(), new StatusBroker());
    String all = result.toString();
    for (String part : TestPrincipals.ALICE_TOKEN.split("\\.")) {
      assertFalse(all.contains(part), "token segment leaked");
    }
  }

  @Test
  void authStatus_isListedFirstWithOpenRequirements() {
    McpEngine engine =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build())
            .build();
    ToolDefinition d = engine.tools().get(0);
    assertEquals("auth_status", d.name());
    assertTrue(d.requirements().actions().isEmpty());
    assertTrue(d.requirements().bucketArguments().isEmpty());
    assertFalse(d.requirements().writes());
  }

  @Test
  void engineWithoutTheFamily_servesNoAuthStatus() {
    McpEngine engine = EngineHarness.builder(CountingAuthorizer.allowing()).build();
    assertTrue(engine.tools().isEmpty());
  }
}
