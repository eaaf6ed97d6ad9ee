package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorizer refuses a call before the tool runs: no registry exchange and no request reaches
 * S3 (counted at the front of S3Proxy).
 */
class S3ToolsAuthorizationTest {
  private static S3Rig rig;

  /** One call per S3 data tool, on {@code bucket}. */
  private static final Map<String, String> CALLS =
      Map.of(
          "bucket_objects_list", "{\"bucket\":\"%s\"}",
          "bucket_object_info", "{\"s3_uri\":\"s3://%s/k\"}",
          "bucket_object_text", "{\"s3_uri\":\"s3://%s/k\"}",
          "bucket_object_fetch", "{\"s3_uri\":\"s3://%s/k\"}",
          "bucket_object_link", "{\"s3_uri\":\"s3://%s/k\"}",
          "bucket_objects_put", "{\"bucket\":\"%s\",\"items\":[{\"key\":\"k\",\"text\":\"x\"}]}");

  @BeforeAll
  static void start() {
    rig = new S3Rig();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static void assertRefusedBeforeS3(Principal who, String bucket, String reason) {
    for (Map.Entry<String, String> c : CALLS.entrySet()) {
      int s3Before = rig.s3.front().requests();
      int registryBefore = rig.registry.calls();
      S3Rig.Reply reply = rig.call(who, c.getKey(), String.format(c.getValue(), bucket));
      JsonNode error = reply.error();
      assertEquals(ErrorCodes.FORBIDDEN, error.path("code").asInt(), c.getKey() + ": " + reply);
      assertEquals(reason, error.path("data").path("reason").asText(), c.getKey());
      assertEquals(Outcome.FORBIDDEN, reply.outcome());
      assertEquals(s3Before, rig.s3.front().requests(), c.getKey() + " reached S3");
      assertEquals(registryBefore, rig.registry.calls(), c.getKey() + " exchanged the token");
    }
  }

  @Test
  void tokenWithoutTheBucket_isRefusedBeforeAnyS3Request() {
    Principal carol = rig.user("carol@example.com", List.of(S3Rig.OTHER_BUCKET), S3Rig.ALL_ACTIONS);
    assertRefusedBeforeS3(carol, S3Rig.BUCKET, "BUCKET_NOT_GRANTED");
  }

  @Test
  void tokenWithoutTheAction_isRefusedBeforeAnyS3Request() {
    Principal none = rig.user("dave@example.com", List.of(S3Rig.BUCKET), List.of());
    assertRefusedBeforeS3(none, S3Rig.BUCKET, "MISSING_ACTIONS");

    Principal reader = rig.user("erin@example.com", List.of(S3Rig.BUCKET), List.of("s3:GetObject"));
    int before = rig.s3.front().requests();
    S3Rig.Reply put =
        rig.call(
            reader,
            "bucket_objects_put",
            "{\"bucket\":\"quilt-data\",\"items\":[{\"key\":\"k\",\"text\":\"x\"}]}");
    assertEquals("MISSING_ACTIONS", put.error().path("data").path("reason").asText());
    assertEquals("s3:PutObject", put.error().path("data").path("missingActions").get(0).asText());
    S3Rig.Reply list = rig.call(reader, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
    assertEquals("s3:ListBucket", list.error().path("data").path("missingActions").get(0).asText());
    assertEquals(before, rig.s3.front().requests());
  }

  @Test
  void starBucketClaim_grantsNothing() {
    Principal star = rig.user("mallory@example.com", List.of("*"), S3Rig.ALL_ACTIONS);
    assertTrue(star.claims().buckets().isEmpty());
    assertRefusedBeforeS3(star, S3Rig.BUCKET, "BUCKET_NOT_GRANTED");
    int before = rig.s3.front().requests();
    S3Rig.Reply discover = rig.call(star, "discover_buckets", "{}");
    assertFalse(discover.isError());
    assertEquals(0, discover.structured().get("count").asInt());
    assertTrue(
        discover.structured().get("claim_warnings").toString().contains("not a wildcard"),
        discover.toString());
    assertEquals(before, rig.s3.front().requests());
  }

  @Test
  void invalidBucketShapeTheSchemaAllows_isRefusedByTheAuthorizerNamingTheRule() {
    Principal alice = rig.alice();
    int before = rig.s3.front().requests();
    S3Rig.Reply reply = rig.call(alice, "bucket_objects_list", "{\"bucket\":\"quilt..data\"}");
    assertEquals("BUCKET_NOT_GRANTED", reply.error().path("data").path("reason").asText());
    assertTrue(reply.error().path("message").asText().contains("not a valid S3 bucket name"));
    assertEquals(before, rig.s3.front().requests());
  }

  @Test
  void toolRequirements_areExactlyThoseOfTheFamilyTable() {
    assertEquals(7, rig.tools.size());
    for (Tool t : rig.tools) {
      ToolRequirements declared = t.definition().requirements();
      ToolRequirements table =
          S3Tools.requirements().stream()
              .filter(r -> r.tool().equals(t.definition().name()))
              .findFirst()
              .orElseThrow();
      assertEquals(table, declared, t.definition().name());
    }
    assertEquals(S3Tools.NAMES, rig.tools.stream().map(t -> t.definition().name()).toList());
  }
}
