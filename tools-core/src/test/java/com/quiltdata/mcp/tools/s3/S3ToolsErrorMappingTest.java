package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.aws.AwsService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** What S3 answers becomes a tool error with a typed reason, never S3's own message text. */
class S3ToolsErrorMappingTest {
  private static S3Rig rig;
  private static Principal alice;
  private static final String OBJECT = "{\"s3_uri\":\"s3://quilt-data/e/object.txt\"}";

  @BeforeAll
  static void start() {
    rig = new S3Rig();
    alice =
        rig.user("alice@example.com", List.of(S3Rig.BUCKET, "quilt-missing"), S3Rig.ALL_ACTIONS);
    rig.s3
        .admin()
        .putObject(
            b -> b.bucket(S3Rig.BUCKET).key("e/object.txt"), RequestBody.fromString("content"));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @AfterEach
  void noMoreFaults() {
    rig.s3.front().failNext(0, 500, "InternalError");
    rig.s3.front().failMatching(null, 500, "InternalError");
  }

  private static String failure(String tool, String args, String reason, boolean retryable) {
    S3Rig.Reply reply = rig.call(alice, tool, args);
    assertTrue(reply.isError(), reply.toString());
    String text = reply.text();
    assertTrue(
        text.contains("(reason: " + reason + ", retryable: " + (retryable ? "yes" : "no") + ")"),
        text);
    assertFalse(text.contains("injected"), "S3's own message must not be shown: " + text);
    return text;
  }

  @Test
  void missingKey_noSuchKey() {
    String text =
        failure(
            "bucket_object_text",
            "{\"s3_uri\":\"s3://quilt-data/e/absent.txt\"}",
            "NO_SUCH_KEY",
            false);
    assertTrue(text.contains("s3://quilt-data/e/absent.txt"));
    failure(
        "bucket_object_info",
        "{\"s3_uri\":\"s3://quilt-data/e/absent.txt\"}",
        "NO_SUCH_KEY",
        false);
  }

  @Test
  void missingBucket_noSuchBucket() {
    failure("bucket_objects_list", "{\"bucket\":\"quilt-missing\"}", "NO_SUCH_BUCKET", false);
  }

  @Test
  void accessDenied() {
    rig.s3.front().failNext(1, 403, "AccessDenied");
    String text = failure("bucket_object_fetch", OBJECT, "ACCESS_DENIED", false);
    assertTrue(text.contains("[S3 AccessDenied, HTTP 403, request FRONT0001]"), text);
  }

  @Test
  void slowDown_throttledAndRetryable() {
    rig.s3.front().failNext(1, 503, "SlowDown");
    failure("bucket_objects_list", "{\"bucket\":\"quilt-data\"}", "THROTTLED", true);
  }

  @Test
  void serverError_unavailableAndRetryable() {
    rig.s3.front().failNext(1, 500, "InternalError");
    failure("bucket_object_text", OBJECT, "SERVICE_UNAVAILABLE", true);
  }

  @Test
  void headObjectServerError_withoutBody_stillMapped() {
    rig.s3.front().failNext(1, 503, "ServiceUnavailable");
    failure("bucket_object_info", OBJECT, "SERVICE_UNAVAILABLE", true);
  }

  @Test
  void wrongRegion() {
    rig.s3.front().failNext(1, 301, "PermanentRedirect");
    String text =
        failure("bucket_objects_list", "{\"bucket\":\"quilt-data\"}", "WRONG_REGION", false);
    assertTrue(text.contains("AWS_REGION"));
  }

  @Test
  void credentialsRejectedByS3() {
    rig.s3.front().failNext(1, 403, "ExpiredToken");
    failure("bucket_object_text", OBJECT, "CREDENTIALS_REJECTED", false);
  }

  @Test
  void archivedObject() {
    rig.s3.front().failNext(1, 403, "InvalidObjectState");
    failure("bucket_object_text", OBJECT, "OBJECT_ARCHIVED", false);
  }

  @Test
  void otherClientError_namesTheS3Code() {
    rig.s3.front().failNext(1, 400, "InvalidArgument");
    String text = failure("bucket_object_text", OBJECT, "SERVICE_ERROR", false);
    assertTrue(text.contains("InvalidArgument"));
  }

  @Test
  void transientFailures_areRetriedWhenAttemptsAllow() throws Exception {
    try (S3Rig retrying =
        new S3Rig(
            s -> s,
            a ->
                a.withRequestPolicy(
                    Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20), 3))) {
      retrying.s3.front().failNext(2, 500, "InternalError");
      int before = retrying.s3.front().requests();
      S3Rig.Reply reply =
          retrying.call(retrying.alice(), "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
      assertFalse(reply.isError(), reply.toString());
      assertEquals(before + 3, retrying.s3.front().requests());
    }
  }

  @Test
  void unreachableEndpoint_networkAndRetryable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    try (S3Rig offline = new S3Rig(s -> s, a -> a.withEndpoint(AwsService.S3, closed))) {
      S3Rig.Reply reply =
          offline.call(offline.alice(), "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
      assertTrue(reply.isError());
      assertTrue(reply.text().contains("(reason: NETWORK, retryable: yes)"), reply.text());
    }
  }
}
