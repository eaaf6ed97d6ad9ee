package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Every data tool against S3Proxy, on credentials exchanged at the registry stub. */
class S3ToolsRoundTripTest {
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

  private static String uri(String key) {
    return "s3://" + S3Rig.BUCKET + "/" + key;
  }

  @Test
  void putThenReadBack_textAndBase64Items() {
    S3Rig.Reply put =
        rig.call(
            alice,
            "bucket_objects_put",
            "{\"bucket\":\"quilt-data\",\"items\":["
                + "{\"key\":\"rt/hello.txt\",\"text\":\"h\u00e9llo w\u00f6rld\","
                + "\"metadata\":{\"Owner\":\"alice\"}},"
                + "{\"key\":\"rt/bytes.bin\",\"data\":\"AAECA/8=\",\"content_type\":\"application/x-test\"}"
                + "]}");
    assertFalse(put.isError(), put.toString());
    JsonNode s = put.structured();
    assertEquals(2, s.get("requested").asInt());
    assertEquals(2, s.get("uploaded").asInt());
    assertEquals("written", s.get("results").get(0).get("status").asText());
    assertEquals(13, s.get("results").get(0).get("size").asInt());
    assertFalse(s.get("results").get(0).get("etag").asText().isEmpty());

    S3Rig.Reply text =
        rig.call(alice, "bucket_object_text", "{\"s3_uri\":\"" + uri("rt/hello.txt") + "\"}");
    assertFalse(text.isError(), text.toString());
    assertEquals("h\u00e9llo w\u00f6rld", text.structured().get("text").asText());
    assertEquals(13, text.structured().get("size").asLong());
    assertEquals(13, text.structured().get("bytes_read").asLong());
    assertFalse(text.structured().get("truncated").asBoolean());
    // S3Proxy (Jetty) drops the space after the semicolon
    assertEquals(
        "text/plain;charset=utf-8",
        text.structured().get("content_type").asText().replace(" ", ""));
    // the same JSON as text, for clients without structured content
    assertEquals(text.structured().toString(), text.text());

    S3Rig.Reply fetch =
        rig.call(alice, "bucket_object_fetch", "{\"s3_uri\":\"" + uri("rt/bytes.bin") + "\"}");
    assertFalse(fetch.isError(), fetch.toString());
    assertTrue(fetch.structured().get("base64").asBoolean());
    assertEquals("AAECA/8=", fetch.structured().get("data").asText());
    assertEquals("application/x-test", fetch.structured().get("content_type").asText());

    S3Rig.Reply info =
        rig.call(alice, "bucket_object_info", "{\"s3_uri\":\"" + uri("rt/hello.txt") + "\"}");
    assertFalse(info.isError(), info.toString());
    assertEquals(13, info.structured().get("size").asLong());
    assertEquals("alice", info.structured().get("metadata").get("owner").asText());
    assertEquals(uri("rt/hello.txt"), info.structured().get("s3_uri").asText());
  }

  @Test
  void binaryRoundTrip_randomBytesSurviveBase64BothWays() {
    byte[] bytes = new byte[40_000];
    new Random(7).nextBytes(bytes);
    String b64 = Base64.getEncoder().encodeToString(bytes);
    S3Rig.Reply put =
        rig.call(
            alice,
            "bucket_objects_put",
            "{\"bucket\":\"quilt-data\",\"items\":[{\"key\":\"bin/random\",\"data\":\""
                + b64
                + "\"}]}");
    assertFalse(put.isError(), put.toString());
    S3Rig.Reply fetch =
        rig.call(
            alice,
            "bucket_object_fetch",
            "{\"s3_uri\":\"" + uri("bin/random") + "\",\"max_bytes\":65536}");
    assertArrayEquals(bytes, Base64.getDecoder().decode(fetch.structured().get("data").asText()));
    assertFalse(fetch.structured().get("truncated").asBoolean());

    S3Rig.Reply asText =
        rig.call(
            alice,
            "bucket_object_fetch",
            "{\"s3_uri\":\"" + uri("bin/random") + "\",\"base64\":false}");
    assertTrue(asText.structured().get("base64").asBoolean(), "not UTF-8, so base64 anyway");
    assertTrue(asText.structured().has("note"));
  }

  @Test
  void largeObject_isReadWithARangeAndFlaggedTruncated() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 200_000) {
      sb.append("line of text \u20ac\n");
    }
    byte[] content = sb.toString().getBytes(StandardCharsets.UTF_8);
    rig.s3
        .admin()
        .putObject(b -> b.bucket(S3Rig.BUCKET).key("big/text.txt"), RequestBody.fromBytes(content));
    int before = rig.s3.front().requests();
    // 1001 bytes ends inside the 3-byte euro sign of some line: the partial character is dropped.
    S3Rig.Reply text =
        rig.call(
            alice,
            "bucket_object_text",
            "{\"s3_uri\":\"" + uri("big/text.txt") + "\",\"max_bytes\":1001}");
    JsonNode s = text.structured();
    assertTrue(s.get("truncated").asBoolean());
    assertEquals(content.length, s.get("size").asLong());
    assertTrue(s.get("bytes_read").asInt() <= 1001 && s.get("bytes_read").asInt() >= 999);
    assertFalse(s.get("text").asText().contains("\ufffd"));
    assertFalse(s.get("invalid_bytes_replaced").asBoolean());
    assertEquals(1001, s.get("max_bytes").asInt());
    assertEquals(before + 1, rig.s3.front().requests());
    assertTrue(
        rig.s3.front().requestLines().get(before).startsWith("GET /quilt-data/big/text.txt"));

    S3Rig.Reply fetch =
        rig.call(
            alice,
            "bucket_object_fetch",
            "{\"s3_uri\":\"" + uri("big/text.txt") + "\",\"max_bytes\":4096,\"base64\":false}");
    assertTrue(fetch.structured().get("truncated").asBoolean());
    assertFalse(fetch.structured().get("base64").asBoolean());
    assertEquals(content.length, fetch.structured().get("size").asLong());
    assertTrue(sb.toString().startsWith(fetch.structured().get("data").asText()));
  }

  @Test
  void emptyObject_readsAsEmptyText() {
    rig.s3.admin().putObject(b -> b.bucket(S3Rig.BUCKET).key("empty/file"), RequestBody.empty());
    S3Rig.Reply text =
        rig.call(alice, "bucket_object_text", "{\"s3_uri\":\"" + uri("empty/file") + "\"}");
    assertFalse(text.isError(), text.toString());
    assertEquals("", text.structured().get("text").asText());
    assertEquals(0, text.structured().get("size").asLong());
    assertFalse(text.structured().get("truncated").asBoolean());
  }

  @Test
  void otherEncodings_decodeAndReplaceInvalidBytes() {
    rig.s3
        .admin()
        .putObject(
            b -> b.bucket(S3Rig.BUCKET).key("enc/latin1.txt"),
            RequestBody.fromBytes("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    S3Rig.Reply latin =
        rig.call(
            alice,
            "bucket_object_text",
            "{\"s3_uri\":\"" + uri("enc/latin1.txt") + "\",\"encoding\":\"latin-1\"}");
    assertEquals("caf\u00e9", latin.structured().get("text").asText());
    assertFalse(latin.structured().get("invalid_bytes_replaced").asBoolean());
    S3Rig.Reply asUtf8 =
        rig.call(alice, "bucket_object_text", "{\"s3_uri\":\"" + uri("enc/latin1.txt") + "\"}");
    assertEquals("caf\ufffd", asUtf8.structured().get("text").asText());
    assertTrue(asUtf8.structured().get("invalid_bytes_replaced").asBoolean());
  }

  /** The attack of the hardening review: 1 MiB of zero bytes read as latin-1 (6 MiB of escapes). */
  @Test
  void zeroBytesAsLatin1_wouldEscapePastTheResultBound_andAreRefusedSmall() {
    rig.s3
        .admin()
        .putObject(
            b -> b.bucket(S3Rig.BUCKET).key("zero/1mib.bin"),
            RequestBody.fromBytes(new byte[1 << 20]));
    S3Rig.Reply r =
        rig.call(
            alice,
            "bucket_object_text",
            "{\"s3_uri\":\""
                + uri("zero/1mib.bin")
                + "\",\"encoding\":\"latin-1\",\"max_bytes\":1048576}");
    assertTrue(r.isError(), r.toString());
    assertEquals("RESULT_TOO_LARGE", r.reason());
    assertTrue(r.body().toString().length() < 2048);
  }

  @Test
  void listing_pagesWithContinuationTokens() {
    List<String> keys = List.of("page/a", "page/b", "page/c", "page/d", "page/e");
    for (String k : keys) {
      rig.s3.admin().putObject(b -> b.bucket(S3Rig.BUCKET).key(k), RequestBody.fromString(k));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String args =
          "{\"bucket\":\"quilt-data\",\"prefix\":\"page/\",\"max_keys\":2"
              + (token == null ? "" : ",\"continuation_token\":\"" + token + "\"")
              + "}";
      S3Rig.Reply page = rig.call(alice, "bucket_objects_list", args);
      assertFalse(page.isError(), page.toString());
      JsonNode s = page.structured();
      assertEquals("quilt-data", s.get("bucket").asText());
      assertEquals("page/", s.get("prefix").asText());
      assertTrue(s.get("key_count").asInt() <= 2);
      for (JsonNode o : s.get("objects")) {
        seen.add(o.get("key").asText());
        assertEquals(6, o.get("size").asLong());
        assertTrue(o.has("last_modified") && o.has("etag") && o.has("storage_class"));
      }
      token = s.get("next_token").isNull() ? null : s.get("next_token").asText();
      assertEquals(token != null, s.get("truncated").asBoolean());
      pages++;
    } while (token != null && pages < 10);
    assertEquals(keys, seen);
    assertEquals(3, pages);
  }

  @Test
  void manyCalls_oneRegistryExchangePerToken() {
    Principal bob = rig.user("bob@example.com", List.of(S3Rig.BUCKET), S3Rig.ALL_ACTIONS);
    int before = rig.registry.calls();
    for (int i = 0; i < 3; i++) {
      assertFalse(rig.call(bob, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}").isError());
    }
    assertEquals(before + 1, rig.registry.calls());
  }
}
