package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Partial writes are never silent: every item gets its own result. */
class PutObjectsTest {
  private static S3Rig rig;
  private static Principal alice;

  @BeforeAll
  static void start() {
    rig = new S3Rig();
    alice = rig.alice();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @AfterEach
  void noMoreFaults() {
    rig.s3.front().failMatching(null, 500, "InternalError");
    rig.s3.front().onRequest(line -> {});
  }

  private static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o :
        rig.s3.admin().listObjectsV2(b -> b.bucket(S3Rig.BUCKET).prefix(prefix)).contents()) {
      out.add(o.key());
    }
    return out;
  }

  private static String items(String prefix) {
    return "{\"bucket\":\"quilt-data\",\"items\":["
        + "{\"key\":\""
        + prefix
        + "one\",\"text\":\"1\"},"
        + "{\"key\":\""
        + prefix
        + "two\",\"text\":\"2\"},"
        + "{\"key\":\""
        + prefix
        + "three\",\"text\":\"3\"}]}";
  }

  /** The per-item results of a partial write: in the error's structured content. */
  private static JsonNode resultsJson(S3Rig.Reply reply) {
    JsonNode blocks = reply.body().path("result").path("content");
    assertEquals(1, blocks.size(), reply.toString());
    JsonNode out = reply.structured();
    String suffix =
        " (reason: "
            + out.path("reason").asText()
            + ", retryable: "
            + (out.path("retryable").asBoolean() ? "yes" : "no")
            + ")";
    assertEquals(out.path("message").asText() + suffix, reply.text());
    return out;
  }

  /** A direct call's result: what it returned, or the result of the failure it threw. */
  private static ToolResult direct(Tool tool, String args, DirectContext context) {
    try {
      return tool.call((ObjectNode) S3Rig.JSON.readTree(args), context);
    } catch (ToolFailure f) {
      return f.toResult();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void oneItemDenied_othersWritten_eachReported() throws Exception {
    rig.s3.front().failMatching("PUT /quilt-data/pa/two", 403, "AccessDenied");
    S3Rig.Reply reply = rig.call(alice, "bucket_objects_put", items("pa/"));
    assertTrue(reply.isError(), reply.toString());
    assertTrue(reply.text().startsWith("Wrote 2 of 3 objects"), reply.text());
    JsonNode out = resultsJson(reply);
    assertEquals(2, out.get("uploaded").asInt());
    assertEquals(1, out.get("failed").asInt());
    assertEquals(0, out.get("not_attempted").asInt());
    JsonNode results = out.get("results");
    assertEquals("written", results.get(0).get("status").asText());
    assertEquals("failed", results.get(1).get("status").asText());
    assertEquals("ACCESS_DENIED", results.get(1).get("error").get("reason").asText());
    assertFalse(results.get(1).get("error").get("retryable").asBoolean());
    assertEquals("written", results.get(2).get("status").asText());
    assertEquals(List.of("pa/one", "pa/three"), keys("pa/"));
  }

  @Test
  void throttledMidway_stopsAndMarksTheRestNotAttempted() throws Exception {
    rig.s3.front().failMatching("PUT /quilt-data/pb/two", 503, "SlowDown");
    S3Rig.Reply reply = rig.call(alice, "bucket_objects_put", items("pb/"));
    assertTrue(reply.isError());
    assertTrue(reply.text().contains("1 not attempted"), reply.text());
    assertTrue(reply.text().contains("reason: THROTTLED, retryable: yes"), reply.text());
    JsonNode results = resultsJson(reply).get("results");
    assertEquals("written", results.get(0).get("status").asText());
    assertEquals("failed", results.get(1).get("status").asText());
    assertEquals("not_attempted", results.get(2).get("status").asText());
    assertEquals(List.of("pb/one"), keys("pb/"));
  }

  @Test
  void cancelledMidway_writesNothingMore() {
    AtomicBoolean cancelled = new AtomicBoolean();
    rig.s3.front().onRequest(line -> cancelled.set(true)); // cancel once the first PUT is sent
    Tool put =
        rig.tools.stream()
            .filter(t -> t.definition().name().equals("bucket_objects_put"))
            .findFirst()
            .orElseThrow();
    ToolResult result =
        direct(put, items("pc/"), new DirectContext(alice, rig.broker, rig.clock, cancelled::get));
    assertTrue(result.isError());
    String summary = result.content().get(0).get("text").asText();
    assertTrue(summary.contains("Wrote 1 of 3"), summary);
    assertTrue(summary.contains("2 not attempted"), summary);
    assertTrue(summary.contains("CANCELLED"), summary);
    assertEquals(List.of("pc/one"), keys("pc/"));
  }

  @Test
  void cancelledBeforeStart_noRegistryAndNoS3Request() throws Exception {
    Tool text =
        rig.tools.stream()
            .filter(t -> t.definition().name().equals("bucket_object_text"))
            .findFirst()
            .orElseThrow();
    Principal fresh = rig.user("frank@example.com", List.of(S3Rig.BUCKET), S3Rig.ALL_ACTIONS);
    int s3Before = rig.s3.front().requests();
    int registryBefore = rig.registry.calls();
    ToolResult result =
        direct(
            text,
            "{\"s3_uri\":\"s3://quilt-data/x\"}",
            new DirectContext(fresh, rig.broker, rig.clock, () -> true));
    assertTrue(result.isError());
    assertTrue(result.content().get(0).get("text").asText().contains("reason: CANCELLED"));
    assertEquals(s3Before, rig.s3.front().requests());
    assertEquals(registryBefore, rig.registry.calls());
  }

  @Test
  void allWritten_structuredResultWithEtags() {
    S3Rig.Reply reply = rig.call(alice, "bucket_objects_put", items("pd/"));
    assertFalse(reply.isError(), reply.toString());
    JsonNode s = reply.structured();
    assertEquals(3, s.get("uploaded").asInt());
    assertEquals(0, s.get("failed").asInt());
    for (JsonNode r : s.get("results")) {
      assertEquals("written", r.get("status").asText());
      assertEquals(32, r.get("etag").asText().length(), r.toString());
    }
    assertEquals(List.of("pd/one", "pd/three", "pd/two"), keys("pd/"));
  }
}
