package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.Principal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Presigned URLs work over plain HTTP until they expire, and never outlive the credentials. */
class ObjectLinkTest {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private final HttpClient http = HttpClient.newHttpClient();
  private S3Rig rig;

  @BeforeEach
  void start() {
    rig = new S3Rig(s -> s.withMaxLinkLifetime(Duration.ofHours(12)));
    rig.s3
        .admin()
        .putObject(
            b -> b.bucket(S3Rig.BUCKET).key("l/report.csv"), RequestBody.fromString("a,b\n1,2\n"));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void link_fetchableUntilItExpires() throws Exception {
    Principal alice = rig.alice();
    int before = rig.s3.front().requests();
    S3Rig.Reply reply =
        rig.call(
            alice,
            "bucket_object_link",
            "{\"s3_uri\":\"s3://quilt-data/l/report.csv\",\"expiration\":2}");
    assertFalse(reply.isError(), reply.toString());
    assertEquals(before, rig.s3.front().requests(), "signing makes no S3 request");
    JsonNode s = reply.structured();
    assertEquals(2, s.get("expires_in").asLong());
    assertFalse(s.get("limited_by_credentials").asBoolean());
    String url = s.get("presigned_url").asText();
    Map<String, String> q = query(url);
    assertEquals("2", q.get("X-Amz-Expires"));
    Instant signedAt = AMZ_DATE.parse(q.get("X-Amz-Date"), Instant::from);
    Instant expiresAt = signedAt.plusSeconds(2);
    assertEquals(
        expiresAt, Instant.parse(s.get("expires_at").asText()).truncatedTo(ChronoUnit.SECONDS));

    HttpResponse<String> fresh = get(url);
    assertEquals(200, fresh.statusCode(), fresh.body());
    assertEquals("a,b\n1,2\n", fresh.body());

    // Poll in short steps until S3 refuses it; it must not be refused before the signed expiry.
    HttpResponse<String> later = fresh;
    long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    while (later.statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      later = get(url);
      if (later.statusCode() != 200) {
        assertFalse(Instant.now().isBefore(expiresAt), "refused before its expiry");
      }
    }
    assertEquals(403, later.statusCode());
    assertTrue(later.body().contains("expired"), later.body());
  }

  @Test
  void link_neverOutlivesTheCredentials() {
    rig.registry.lifetime(Duration.ofMinutes(10));
    S3Rig.Reply reply =
        rig.call(
            rig.alice(),
            "bucket_object_link",
            "{\"s3_uri\":\"s3://quilt-data/l/report.csv\",\"expiration\":7200}");
    JsonNode s = reply.structured();
    assertTrue(s.get("limited_by_credentials").asBoolean(), s.toString());
    assertEquals(7200, s.get("requested_expiration").asLong());
    long expiresIn = s.get("expires_in").asLong();
    assertTrue(expiresIn <= 600 && expiresIn > 590, "expires_in " + expiresIn);
    assertEquals(
        String.valueOf(expiresIn), query(s.get("presigned_url").asText()).get("X-Amz-Expires"));
  }

  @Test
  void link_forAVersion_signsTheVersion() throws Exception {
    S3Rig.Reply reply =
        rig.call(
            rig.alice(),
            "bucket_object_link",
            "{\"s3_uri\":\"s3://quilt-data/l/report.csv?versionId=v%2B1\",\"expiration\":1800}");
    JsonNode s = reply.structured();
    assertEquals("v+1", s.get("version_id").asText());
    assertEquals("v+1", query(s.get("presigned_url").asText()).get("versionId"));
    assertEquals(1800, s.get("expires_in").asLong());
    assertFalse(s.get("limited_by_credentials").asBoolean());
  }
}
