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
  void textAndErrorResults_haveNoStructuredContent() {
    assertFalse(ToolResult.text("hi").hasStructuredContent());
    assertEquals(Optional.empty(), ToolResult.error("no").structuredJson());
  }
}
