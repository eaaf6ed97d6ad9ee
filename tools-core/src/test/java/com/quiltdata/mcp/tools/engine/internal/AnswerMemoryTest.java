package com.quiltdata.mcp.tools.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.ResultLimits;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 1: answers written at once draw from one budget, so N concurrent maximal calls can
 * never hold more than it; one that cannot draw is a retryable BUSY, and everything drawn is given
 * back when the message's handling ends.
 */
class AnswerMemoryTest {
  private static final ResultLimits LIMITS = new ResultLimits(64 * 1024, 128 * 1024);
  private static final String VERSION = "2025-06-18";

  @Test
  void anAnswerThatCannotDraw_isBusy_andTheMemoryIsGivenBackAtTheEnd() throws Exception {
    AnswerMemory memory = new AnswerMemory(200 * 1024);
    ResultWriter writer = new ResultWriter(LIMITS, memory);
    ToolResult big = ToolResult.text("x".repeat(60_000));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      String first;
      try (AnswerMemory.Lease held = memory.open()) {
        first = writer.write(big, VERSION);
        assertTrue(memory.used() >= 120_000, "the buffer and its string are drawn");

        // another message's answer while the first still holds its share
        String second =
            other.submit(() -> writeInALease(memory, writer, big)).get(30, TimeUnit.SECONDS);

        JsonNode refused = new com.fasterxml.jackson.databind.ObjectMapper().readTree(second);
        assertTrue(refused.path("isError").asBoolean(), second);
        assertTrue(second.contains("MCP_ANSWER_MEMORY_BYTES"), second);
        assertTrue(second.contains("BUSY"), second);
      }
      assertFalse(
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(first)
              .path("isError")
              .asBoolean());
      assertEquals(0, memory.used(), "closing the lease gives everything back");

      String retried =
          other.submit(() -> writeInALease(memory, writer, big)).get(30, TimeUnit.SECONDS);
      assertFalse(
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(retried)
              .path("isError")
              .asBoolean(),
          "a retry fits");
      assertEquals(0, memory.used());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void nestedOpens_shareOneLease_andOnlyTheOutermostCloseGivesBack() {
    AnswerMemory memory = new AnswerMemory(1 << 20);
    try (AnswerMemory.Lease outer = memory.open()) {
      try (AnswerMemory.Lease inner = memory.open()) {
        assertTrue(inner == outer);
        assertTrue(inner.draw(1000));
      }
      assertEquals(1000, memory.used());
    }
    assertEquals(0, memory.used());
  }

  @Test
  void minimumAnswerMemory_alwaysFitsOneMaximalAnswer() {
    assertEquals(2L * 64 * 1024 + 2L * 128 * 1024, LIMITS.minimumAnswerMemory());
    assertEquals(LIMITS.minimumAnswerMemory(), LIMITS.effectiveAnswerMemory(1024));
    assertEquals(256L << 20, LIMITS.effectiveAnswerMemory(1L << 30), "a quarter of the heap");
  }

  private static String writeInALease(AnswerMemory memory, ResultWriter writer, ToolResult r) {
    try (AnswerMemory.Lease lease = memory.open()) {
      return writer.write(r, VERSION);
    }
  }
}
