package com.quiltdata.mcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.QuiltToolPolicies;
import com.quiltdata.mcp.auth.ToolRequirements;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiagnosticsToolsTest {
  private static final List<String> NAMES =
      List.of(
          DiagnosticsTools.JWT_DIAGNOSTICS,
          DiagnosticsTools.VALIDATE_JWT_TOKEN,
          DiagnosticsTools.SESSION_DIAGNOSTICS);

  @Test
  void tools_areTheThreeNames_withTheRequirementsOfTheDefaultPolicies() {
    Map<String, ToolRequirements> policies =
        QuiltToolPolicies.defaults().stream()
            .collect(Collectors.toMap(ToolRequirements::tool, Function.identity()));
    List<Tool> tools = DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build();
    assertEquals(NAMES, tools.stream().map(t -> t.definition().name()).toList());
    for (Tool t : tools) {
      ToolDefinition d = t.definition();
      assertEquals(policies.get(d.name()), d.requirements(), d.name());
      assertTrue(d.requirements().actions().isEmpty(), d.name());
      assertTrue(d.outputSchema().isPresent(), d.name());
      assertTrue(d.annotations().orElseThrow().get("readOnlyHint").asBoolean(), d.name());
    }
  }

  @Test
  void webMode_withoutAVerifierSource_failsClosed() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DiagnosticsTools.builder(DiagnosticsTools.Environment.WEB).build());
    assertTrue(e.getMessage().contains("verifierSource"));
  }

  @Test
  void tools_registerInAnEngineNextToAuthStatus() {
    McpEngine.Builder builder =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build());
    List<String> names = builder.build().tools().stream().map(ToolDefinition::name).toList();
    assertEquals("auth_status", names.get(0));
    assertTrue(names.containsAll(NAMES));
  }
}
