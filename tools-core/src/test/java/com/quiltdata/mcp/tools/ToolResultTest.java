package com.quiltdata.mcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolResultTest {
  @Test
  void structured_serialisesOnce_andTheTextBlockIsThatJson() {
    ObjectNode value = JsonNodeFactory.instance.objectNode().put("bucket", "quilt-demos");
    ToolResult r = ToolResult.structured(value);
    assertTrue(r.hasStructuredContent());
    assertEquals(Optional.of("{\"bucket\":\"quilt-demos\"}"), r.structuredJson());
    assertEquals(r.structuredJson().get(), r.content().get(0).get("text").asText());
  }

  @Test
  void structured_isImmutable_whenTheCallerChangesItsTreeAfterwards() {
    ObjectNode value = JsonNodeFactory.instance.objectNode().put("n", 1);
    ToolResult r = ToolResult.structured(value);
    value.put("n", 2);
    r.structuredContent().orElseThrow().put("n", 3);
    assertEquals(1, r.structuredContent().orElseThrow().get("n").asInt());
    assertEquals(Optional.of("{\"n\":1}"), r.structuredJson());
  }

  @Test
  void textResult_hasNoStructuredContent() {
    assertFalse(ToolResult.text("hi").hasStructuredContent());
    assertEquals(Optional.empty(), ToolResult.text("hi").structuredJson());
  }

  @Test
  void failureResult_carriesReasonRetryableAndMessage_besideItsDetails() {
    ObjectNode details = JsonNodeFactory.instance.objectNode().put("written", 2);
    details.put("reason", "SPOOFED");
    ToolResult r = new ToolFailure(CommonReason.BUSY, "Too many calls. Retry", details).toResult();

    assertTrue(r.isError());
    ObjectNode s = r.structuredContent().orElseThrow();
    assertEquals("BUSY", s.get("reason").asText());
    assertTrue(s.get("retryable").asBoolean());
    assertEquals("Too many calls. Retry", s.get("message").asText());
    assertEquals(2, s.get("written").asInt());
    assertEquals(
        "Too many calls. Retry (reason: BUSY, retryable: yes)",
        r.content().get(0).get("text").asText());
  }
}
