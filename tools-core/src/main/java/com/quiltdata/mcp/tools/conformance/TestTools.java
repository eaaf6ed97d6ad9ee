package com.quiltdata.mcp.tools.conformance;

/**
 * Optional test-only tool profiles (the conformance family's settings). Off by default; {@code
 * MCP_TEST_TOOLS=conformance} selects {@link #CONFORMANCE} (see {@code QuiltToolsSettings}).
 */
public enum TestTools {
  /** No test tools (production). */
  NONE,
  /**
   * The tools the {@code @modelcontextprotocol/conformance} suite calls ({@code test_simple_text},
   * {@code test_image_content}, {@code test_audio_content}, {@code test_embedded_resource}, {@code
   * test_multiple_content_types}, {@code test_error_handling}, {@code json_schema_2020_12_tool}).
   */
  CONFORMANCE
}
