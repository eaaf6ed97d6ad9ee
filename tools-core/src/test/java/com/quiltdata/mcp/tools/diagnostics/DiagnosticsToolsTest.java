package com.quiltdata.mcp.tools.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiagnosticsToolsTest {
  private static final List<String> NAMES =
      List.of(
          DiagnosticsTools.AUTH_STATUS,
          DiagnosticsTools.JWT_DIAGNOSTICS,
          DiagnosticsTools.VALIDATE_JWT_TOKEN,
          DiagnosticsTools.SESSION_DIAGNOSTICS);

  @Test
  void tools_areTheFourNames_withTheRequirementsOfTheFamilyTable() {
    Map<String, ToolRequirements> policies =
        DiagnosticsTools.requirements().stream()
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
  void tools_registerInAnEngine_authStatusFirst() {
    McpEngine.Builder builder =
        EngineHarness.builder(CountingAuthorizer.allowing())
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build());
    List<String> names = builder.build().tools().stream().map(ToolDefinition::name).toList();
    assertEquals("auth_status", names.get(0));
    assertTrue(names.containsAll(NAMES));
  }
}
