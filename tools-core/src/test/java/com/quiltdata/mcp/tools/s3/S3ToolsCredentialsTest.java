package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.aws.AwsSettings;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Only the credentials the registry issued for the caller's token sign S3 requests; registry
 * problems become clear errors, retryable or not.
 */
class S3ToolsCredentialsTest {
  private S3Rig rig;

  @BeforeEach
  void start() {
    rig = new S3Rig();
    rig.s3
        .admin()
        .putObject(b -> b.bucket(S3Rig.BUCKET).key("c/one.txt"), RequestBody.fromString("one"));
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void ambientCredentials_exist_andS3ProxyRejectsThem() {
    // The premise of every other S3 test: the process's own credentials are wrong.
    assertEquals("AKIAAMBIENTWRONGKEY0", System.getProperty("aws.accessKeyId"));
    try (S3Client ambient =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .endpointOverride(rig.s3.directEndpoint())
            .forcePathStyle(true)
            .build()) {
      S3Exception e =
          assertThrows(S3Exception.class, () -> ambient.listObjectsV2(b -> b.bucket(S3Rig.BUCKET)));
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void everyS3Request_carriesTheSessionTokenTheRegistryIssued() {
    Principal alice = rig.alice();
    String uri = "s3://quilt-data/c/one.txt";
    assertFalse(rig.call(alice, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}").isError());
    assertFalse(rig.call(alice, "bucket_object_info", "{\"s3_uri\":\"" + uri + "\"}").isError());
    assertFalse(rig.call(alice, "bucket_object_text", "{\"s3_uri\":\"" + uri + "\"}").isError());
    assertFalse(rig.call(alice, "bucket_object_fetch", "{\"s3_uri\":\"" + uri + "\"}").isError());
    assertFalse(
        rig.call(
                alice,
                "bucket_objects_put",
                "{\"bucket\":\"quilt-data\",\"items\":[{\"key\":\"c/two\",\"text\":\"2\"}]}")
            .isError());
    S3Rig.Reply link = rig.call(alice, "bucket_object_link", "{\"s3_uri\":\"" + uri + "\"}");
    assertTrue(
        link.structured()
            .get("presigned_url")
            .asText()
            .contains("X-Amz-Security-Token=" + CredentialRegistry.SESSION_PREFIX));
    List<String> tokens = rig.s3.front().securityTokens();
    assertEquals(5, tokens.size());
    for (String t : tokens) {
      assertTrue(t.startsWith(CredentialRegistry.SESSION_PREFIX), t);
    }
  }

  @Test
  void twoUsers_eachGetTheirOwnExchange() {
    Principal alice = rig.alice();
    Principal bob = rig.user("bob@example.com", List.of(S3Rig.BUCKET), S3Rig.ALL_ACTIONS);
    rig.call(alice, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
    rig.call(bob, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
    List<String> tokens = rig.s3.front().securityTokens();
    assertEquals(2, rig.registry.calls());
    assertEquals(CredentialRegistry.SESSION_PREFIX + "1", tokens.get(0));
    assertEquals(CredentialRegistry.SESSION_PREFIX + "2", tokens.get(1));
  }

  @Test
  void registryOutageMidSession_cachedCredentialsServeThenARetryableError() {
    rig.registry.lifetime(Duration.ofMinutes(20));
    Principal alice = rig.alice();
    String list = "{\"bucket\":\"quilt-data\"}";
    assertFalse(rig.call(alice, "bucket_objects_list", list).isError());

    rig.registry.mode(CredentialRegistry.Mode.DOWN);
    rig.clock.advance(Duration.ofMinutes(16)); // past the refresh point, before expiry
    S3Rig.Reply stillServing = rig.call(alice, "bucket_objects_list", list);
    assertFalse(stillServing.isError(), stillServing.toString());
    assertEquals(2, rig.registry.calls(), "a refresh was attempted");

    rig.clock.advance(Duration.ofMinutes(5)); // the cached credentials have expired
    int s3Before = rig.s3.front().requests();
    S3Rig.Reply expired = rig.call(alice, "bucket_objects_list", list);
    assertTrue(expired.isError(), expired.toString());
    assertTrue(expired.text().contains("reason: CREDENTIALS_UNAVAILABLE"), expired.text());
    assertTrue(expired.text().contains("retryable: yes"), expired.text());
    assertTrue(expired.text().contains("REGISTRY_UNAVAILABLE"), expired.text());
    assertEquals(s3Before, rig.s3.front().requests(), "nothing was sent without credentials");

    rig.registry.mode(CredentialRegistry.Mode.UP);
    rig.clock.advance(Duration.ofMinutes(2)); // past the back-off
    S3Rig.Reply recovered = rig.call(alice, "bucket_objects_list", list);
    assertFalse(recovered.isError(), recovered.toString());
  }

  @Test
  void registryDownFromTheStart_retryableErrorAndNoS3Request() {
    rig.registry.mode(CredentialRegistry.Mode.DOWN);
    S3Rig.Reply reply =
        rig.call(rig.alice(), "bucket_object_text", "{\"s3_uri\":\"s3://quilt-data/c/one.txt\"}");
    assertTrue(reply.isError());
    assertTrue(reply.text().contains("reason: CREDENTIALS_UNAVAILABLE, retryable: yes"));
    assertEquals(0, rig.s3.front().requests());
  }

  @Test
  void registryRefusesTheToken_notRetryableWithSignInAdvice() {
    rig.registry.mode(CredentialRegistry.Mode.REFUSING);
    for (String tool : List.of("bucket_objects_list", "bucket_object_link")) {
      String args =
          tool.equals("bucket_objects_list")
              ? "{\"bucket\":\"quilt-data\"}"
              : "{\"s3_uri\":\"s3://quilt-data/c/one.txt\"}";
      S3Rig.Reply reply = rig.call(rig.alice(), tool, args);
      assertTrue(reply.isError());
      assertTrue(reply.text().contains("reason: CREDENTIALS_REFUSED, retryable: no"), reply.text());
      assertTrue(reply.text().contains("REGISTRY_INVALID_TOKEN"));
      assertTrue(reply.text().contains("Sign in"));
    }
    assertEquals(0, rig.s3.front().requests());
  }

  @Test
  void expiredToken_noCredentialsAndNoS3Request() {
    Principal alice = rig.alice();
    rig.clock.advance(Duration.ofHours(2)); // past the token's exp
    S3Rig.Reply reply = rig.call(alice, "bucket_objects_list", "{\"bucket\":\"quilt-data\"}");
    assertTrue(reply.isError());
    assertTrue(reply.text().contains("reason: CREDENTIALS_REFUSED, retryable: no"), reply.text());
    assertEquals(0, rig.registry.calls());
    assertEquals(0, rig.s3.front().requests());
  }

  @Test
  void engineWithoutBroker_refusesInsteadOfUsingAmbientCredentials() {
    // An engine without a broker hands out a provider that always refuses.
    try (AwsClients aws =
        AwsClients.create(
            AwsSettings.defaults().withEndpoint(AwsService.S3, URI.create("http://127.0.0.1:9")))) {
      S3Tools tools = S3Tools.create(S3Settings.defaults(), aws);
      McpEngine.Builder b = McpEngine.builder().addTools(tools.tools());
      b.authorizer(PolicyAuthorizer.of(b.requirements()));
      McpEngine engine = b.build();
      String body =
          engine
              .handle(
                  ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                          + "\"bucket_objects_list\",\"arguments\":{\"bucket\":\"quilt-data\"}}}")
                      .getBytes(StandardCharsets.UTF_8),
                  CallContext.stdio().principal(rig.alice()).build())
              .body()
              .orElseThrow();
      assertTrue(body.contains("\"isError\":true"), body);
      assertTrue(body.contains("CREDENTIALS_REFUSED"), body);
    }
  }
}
