package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** discover_buckets reads the verified claims only: no registry exchange, no S3 request. */
class DiscoverBucketsTest {
  private static S3Rig rig;

  @BeforeAll
  static void start() {
    rig = new S3Rig();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void bucketsActionsAndUsableTools_fromTheTokenAlone() {
    Principal reader =
        rig.user(
            "reader@example.com",
            List.of("quilt-data", "quilt-other"),
            List.of("s3:GetObject", "s3:ListBucket", "athena:StartQueryExecution"));
    S3Rig.Reply reply = rig.call(reader, "discover_buckets", "{}");
    assertFalse(reply.isError(), reply.toString());
    JsonNode s = reply.structured();
    assertEquals(2, s.get("count").asInt());
    JsonNode first = s.get("buckets").get(0);
    assertEquals("quilt-data", first.get("name").asText());
    assertEquals("s3://quilt-data/", first.get("s3_uri").asText());
    assertEquals(List.of("s3:GetObject", "s3:ListBucket"), texts(first.get("actions")));
    assertEquals(
        List.of(
            "bucket_objects_list",
            "bucket_object_info",
            "bucket_object_text",
            "bucket_object_fetch",
            "bucket_object_link"),
        texts(first.get("tools")));
    assertEquals(
        List.of("s3:GetObject", "s3:ListBucket", "athena:StartQueryExecution"),
        texts(s.get("actions")));
    assertEquals(0, rig.registry.calls());
    assertEquals(0, rig.s3.front().requests());
  }

  @Test
  void noBuckets_saysSo() {
    Principal nobody = rig.user("nobody@example.com", List.of(), List.of("s3:GetObject"));
    JsonNode s = rig.call(nobody, "discover_buckets", "{}").structured();
    assertEquals(0, s.get("count").asInt());
    assertEquals(0, s.get("buckets").size());
    assertFalse(s.get("note").asText().isEmpty());
  }
}
