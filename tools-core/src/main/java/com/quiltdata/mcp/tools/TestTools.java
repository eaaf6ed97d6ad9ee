package com.quiltdata.mcp.tools;

import java.util.Locale;

/**
 * Optional test-only tool profiles. Off by default; the server {@code Main} classes map {@code
 * MCP_TEST_TOOLS=conformance} to {@link #CONFORMANCE}.
 */
public enum TestTools {
  /** No test tools (production). */
  NONE,
  /**
   * The tools the {@code @modelcontextprotocol/conformance} suite calls ({@code test_simple_text},
   * {@code test_image_content}, {@code test_audio_content}, {@code test_embedded_resource}, {@code
   * test_multiple_content_types}, {@code test_error_handling}). Tools that need server-to-client
   * requests or notifications (logging, progress, sampling, elicitation) are not provided.
   */
  CONFORMANCE;

  /**
   * Parses a configuration value: {@code null}, empty, {@code none} or {@code off} mean {@link
   * #NONE}; {@code conformance} means {@link #CONFORMANCE}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static TestTools parse(String value) {
    if (value == null) {
      return NONE;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "":
      case "none":
      case "off":
        return NONE;
      case "conformance":
        return CONFORMANCE;
      default:
        throw new IllegalArgumentException(
            "MCP_TEST_TOOLS must be 'conformance' or empty; got an unsupported value");
    }
  }
}
