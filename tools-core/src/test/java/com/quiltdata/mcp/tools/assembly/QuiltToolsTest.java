package com.quiltdata.mcp.tools.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.conformance.TestTools;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuiltToolsTest {
  private static List<String> names(QuiltTools tools) {
    return tools.tools().stream().map(t -> t.definition().name()).toList();
  }

  @Test
  void defaults_serveDiagnosticsFirstThenS3_andTheAuthorizerCoversExactlyThem() {
    try (QuiltTools tools =
        QuiltTools.builder(DiagnosticsTools.Environment.DESKTOP, QuiltToolsSettings.defaults())
            .build()) {
      List<String> names = names(tools);
      assertEquals("auth_status", names.get(0));
      assertTrue(names.contains("bucket_objects_put"));
      assertTrue(names.contains("discover_buckets"));
      assertFalse(names.contains("test_simple_text"));
      Principal alice = TestPrincipals.alice();
      for (Tool t : tools.tools()) {
        AuthorizationDecision d =
            tools.authorizer().check(alice, t.definition().name(), Authorizer.Arguments.none());
        assertTrue(
            d.allowed() || d.denial() != AuthorizationDecision.Denial.UNKNOWN_TOOL,
            t.definition().name());
      }
      assertEquals(
          AuthorizationDecision.Denial.UNKNOWN_TOOL,
          tools.authorizer().check(alice, "not_a_tool", Authorizer.Arguments.none()).denial());
    }
  }

  @Test
  void readOnly_leavesOutEveryWritingTool_andTheAuthorizerRefusesThem() {
    QuiltToolsSettings settings =
        QuiltToolsSettings.fromEnvironment(Map.of("MCP_READ_ONLY", "true"));
    try (QuiltTools tools =
        QuiltTools.builder(DiagnosticsTools.Environment.DESKTOP, settings).build()) {
      assertFalse(names(tools).contains("bucket_objects_put"));
      assertTrue(names(tools).contains("bucket_objects_list"));
      for (Tool t : tools.tools()) {
        assertFalse(t.definition().requirements().writes(), t.definition().name());
      }
      assertTrue(tools.authorizer().isReadOnly());
    }
  }

  @Test
  void conformanceProfile_addsTheSuiteTools() {
    QuiltToolsSettings settings =
        QuiltToolsSettings.fromEnvironment(Map.of("MCP_TEST_TOOLS", " Conformance "));
    assertEquals(TestTools.CONFORMANCE, settings.testTools());
    try (QuiltTools tools =
        QuiltTools.builder(DiagnosticsTools.Environment.DESKTOP, settings).build()) {
      assertTrue(names(tools).contains("test_simple_text"));
    }
    assertEquals(
        TestTools.NONE,
        QuiltToolsSettings.fromEnvironment(Map.of("MCP_TEST_TOOLS", "off")).testTools());
  }

  @Test
  void badValues_areRefusedNamingTheVariableNotTheValue() {
    for (Map.Entry<String, String> bad :
        Map.of("MCP_TEST_TOOLS", "all-of-them", "MCP_READ_ONLY", "sometimes").entrySet()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> QuiltToolsSettings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())));
      assertTrue(e.getMessage().startsWith(bad.getKey() + " must be"), e.getMessage());
      assertFalse(e.getMessage().contains(bad.getValue()), e.getMessage());
    }
  }

  @Test
  void webMode_withoutAVerifierSource_failsClosed() {
    assertThrows(
        IllegalStateException.class,
        () ->
            QuiltTools.builder(DiagnosticsTools.Environment.WEB, QuiltToolsSettings.defaults())
                .build());
  }

  @Test
  void variables_areUniqueAndIncludeEveryFamilysOwn() {
    Set<String> names = new HashSet<>();
    for (EnvironmentVariable v : QuiltToolsSettings.VARIABLES) {
      assertTrue(names.add(v.name()), "listed twice: " + v.name());
    }
    assertTrue(names.containsAll(Set.of("AWS_REGION", "MCP_S3_MAX_READ_BYTES", "MCP_READ_ONLY")));
  }
}
