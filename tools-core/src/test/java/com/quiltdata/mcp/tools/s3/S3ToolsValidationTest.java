package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every argument rule: bad input is an {@code isError} result that names the argument and says what
 * to fix, and nothing reaches the registry or S3.
 */
class S3ToolsValidationTest {
  private static S3Rig rig;
  private static Principal alice;
  private int s3Before;
  private int registryBefore;

  @BeforeAll
  static void start() {
    rig = new S3Rig(s -> s.withPutLimits(3, 2048).withMaxReadBytes(4096));
    alice = rig.alice();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @BeforeEach
  void counts() {
    s3Before = rig.s3.front().requests();
    registryBefore = rig.registry.calls();
  }

  @AfterEach
  void nothingWasSent() {
    assertEquals(s3Before, rig.s3.front().requests(), "a request reached S3");
    assertEquals(registryBefore, rig.registry.calls(), "the token was exchanged");
  }

  /** Calls the tool and returns the error text, asserting it is an isError result. */
  private static String refused(String tool, String args) {
    S3Rig.Reply reply = rig.call(alice, tool, args);
    assertTrue(reply.isError(), tool + " " + args + " -> " + reply);
    return reply.text();
  }

  private static void assertMentions(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), "expected '" + p + "' in: " + text);
    }
  }

  @Test
  void bucket_mustHaveTheS3Shape() {
    assertMentions(
        refused("bucket_objects_list", "{\"bucket\":\"Quilt_Data\"}"), "'bucket'", "pattern");
    assertMentions(refused("bucket_objects_list", "{}"), "Missing required argument 'bucket'");
    assertMentions(refused("bucket_objects_list", "{\"bucket\":7}"), "'bucket'", "a string");
  }

  @Test
  void maxKeys_between1And1000() {
    assertMentions(
        refused("bucket_objects_list", "{\"bucket\":\"quilt-data\",\"max_keys\":0}"),
        "'max_keys'",
        "at least 1");
    assertMentions(
        refused("bucket_objects_list", "{\"bucket\":\"quilt-data\",\"max_keys\":1001}"),
        "'max_keys'",
        "at most 1000");
  }

  @Test
  void prefix_noControlCharactersAndAtMost1024Bytes() {
    assertMentions(
        refused("bucket_objects_list", "{\"bucket\":\"quilt-data\",\"prefix\":\"a\\nb\"}"),
        "'prefix'",
        "control character",
        "reason: INVALID_ARGUMENT",
        "retryable: no");
    String euros = "\u20ac".repeat(342); // 342 characters, 1026 bytes in UTF-8
    assertMentions(
        refused("bucket_objects_list", "{\"bucket\":\"quilt-data\",\"prefix\":\"" + euros + "\"}"),
        "'prefix'",
        "1026 bytes",
        "at most 1024");
  }

  @Test
  void continuationToken_printableAsciiOnly() {
    assertMentions(
        refused(
            "bucket_objects_list",
            "{\"bucket\":\"quilt-data\",\"continuation_token\":\"two words\"}"),
        "'continuation_token'",
        "next_token");
  }

  @Test
  void s3Uri_schemeBucketAndKey() {
    assertMentions(
        refused("bucket_object_info", "{\"s3_uri\":\"https://quilt-data/k\"}"), "'s3_uri'");
    assertMentions(
        refused("bucket_object_info", "{\"s3_uri\":\"s3://quilt-data/\"}"),
        "'s3_uri (key part)'",
        "must not be empty");
    assertMentions(
        refused("bucket_object_text", "{\"s3_uri\":\"s3://quilt-data/a\\u0007b\"}"),
        "control character");
    assertMentions(
        refused("bucket_object_text", "{\"s3_uri\":\"s3://quilt-data/a/../b\"}"),
        "'..' path segments");
    assertMentions(
        refused("bucket_object_fetch", "{\"s3_uri\":\"s3://quilt-data/a\\ud800b\"}"),
        "not valid Unicode");
    assertMentions(
        refused("bucket_object_fetch", "{\"s3_uri\":\"s3://quilt-data/" + "k".repeat(1025) + "\"}"),
        "1025 bytes",
        "at most 1024");
  }

  @Test
  void listingPrefix_traversalSegments_refusedWithEitherSeparator() {
    // each doubled backslash of these JSON texts reaches the tool as one backslash
    for (String prefix : new String[] {"..", "a/../", "..\\\\..\\\\x", "a\\\\.\\\\b", "./a"}) {
      assertMentions(
          refused(
              "bucket_objects_list", "{\"bucket\":\"quilt-data\",\"prefix\":\"" + prefix + "\"}"),
          "'prefix'",
          "'..' path segments");
    }
  }

  @Test
  void s3Uri_onlyAVersionIdQuery() {
    assertMentions(
        refused("bucket_object_info", "{\"s3_uri\":\"s3://quilt-data/k?foo=bar\"}"),
        "only carry one query parameter, versionId");
    assertMentions(
        refused("bucket_object_info", "{\"s3_uri\":\"s3://quilt-data/k?versionId=%zz\"}"),
        "invalid versionId");
    assertMentions(
        refused("bucket_object_info", "{\"s3_uri\":\"s3://quilt-data/k?versionId=a b\"}"),
        "invalid versionId");
  }

  @Test
  void maxBytesAndEncoding() {
    assertMentions(
        refused("bucket_object_text", "{\"s3_uri\":\"s3://quilt-data/k\",\"max_bytes\":0}"),
        "'max_bytes'",
        "at least 1");
    assertMentions(
        refused("bucket_object_fetch", "{\"s3_uri\":\"s3://quilt-data/k\",\"max_bytes\":4097}"),
        "'max_bytes'",
        "at most 4096");
    assertMentions(
        refused("bucket_object_text", "{\"s3_uri\":\"s3://quilt-data/k\",\"encoding\":\"ebcdic\"}"),
        "'encoding'",
        "utf-8");
  }

  @Test
  void linkExpiration_bounded() {
    assertMentions(
        refused("bucket_object_link", "{\"s3_uri\":\"s3://quilt-data/k\",\"expiration\":0}"),
        "'expiration'",
        "at least 1");
    assertMentions(
        refused("bucket_object_link", "{\"s3_uri\":\"s3://quilt-data/k\",\"expiration\":604801}"),
        "'expiration'",
        "at most 604800");
  }

  private static String put(String items) {
    return refused("bucket_objects_put", "{\"bucket\":\"quilt-data\",\"items\":" + items + "}");
  }

  @Test
  void put_itemCountAndTotalSize() {
    assertMentions(put("[]"), "'items'", "at least 1");
    assertMentions(
        put(
            "[{\"key\":\"a\",\"text\":\"1\"},{\"key\":\"b\",\"text\":\"2\"},"
                + "{\"key\":\"c\",\"text\":\"3\"},{\"key\":\"d\",\"text\":\"4\"}]"),
        "'items'",
        "at most 3");
    assertMentions(
        put(
            "[{\"key\":\"a\",\"text\":\""
                + "x".repeat(1500)
                + "\"},"
                + "{\"key\":\"b\",\"text\":\""
                + "y".repeat(1500)
                + "\"}]"),
        "Nothing was written",
        "3000 bytes",
        "at most 2048");
  }

  @Test
  void put_eachItemRuleAndAllProblemsTogether() {
    String text =
        put(
            "[{\"key\":\"both\",\"text\":\"t\",\"data\":\"AA==\"},"
                + "{\"key\":\"neither\"},"
                + "{\"key\":\"bad64\",\"data\":\"not base64!\"},"
                + "{\"key\":\"q?x\",\"text\":\"t\"}]");
    // four items in a call limited to three: the count is refused first
    assertMentions(text, "at most 3");
    text =
        put(
            "[{\"key\":\"both\",\"text\":\"t\",\"data\":\"AA==\"},"
                + "{\"key\":\"neither\"},"
                + "{\"key\":\"bad64\",\"data\":\"not base64!\"}]");
    assertMentions(
        text,
        "Nothing was written: 3 problems",
        "items[0]' needs exactly one of 'text'",
        "items[1]' needs exactly one of 'text'",
        "items[2].data' is not valid base64");
    assertMentions(put("[{\"key\":\"q?x\",\"text\":\"t\"}]"), "items[0].key' contains '?'");
    assertMentions(
        put("[{\"key\":\"same\",\"text\":\"1\"},{\"key\":\"same\",\"text\":\"2\"}]"),
        "items[1].key' repeats the key");
    assertMentions(put("[{\"key\":\"../up\",\"text\":\"t\"}]"), "'..' path segments");
    assertMentions(put("[{\"key\":\"a\\tb\",\"text\":\"t\"}]"), "control character");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"content_type\":\"not a type\"}]"),
        "items[0].content_type' must be a media type");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"metadata\":{\"who\":\"caf\u00e9\"}}]"),
        "items[0].metadata.who' must be printable ASCII");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"metadata\":{\"bad name\":\"v\"}}]"),
        "items[0].metadata' has a name");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"metadata\":{\"A\":\"1\",\"a\":\"2\"}}]"),
        "names 'a' twice");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"metadata\":{\"big\":\"" + "v".repeat(2100) + "\"}}]"),
        "S3 allows at most 2048");
    assertMentions(
        put("[{\"key\":\"k\",\"text\":\"t\",\"extra\":1}]"),
        "Unexpected argument 'items[0].extra'");
  }
}
