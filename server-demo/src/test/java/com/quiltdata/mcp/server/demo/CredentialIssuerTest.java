package com.quiltdata.mcp.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry stand-in over real HTTP: issues to good tokens, refuses like the registry. */
class CredentialIssuerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-08-01T10:00:00Z");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final SecureRandom random = new SecureRandom();
  private final DemoSecret secret = DemoSecret.generate(random);
  private final S3Keys keys = S3Keys.generate(random);
  private final HttpClient client = HttpClient.newHttpClient();
  private final CredentialIssuer issuer =
      CredentialIssuer.start(0, verifier(secret), keys, Duration.ofHours(1), clock, random);

  @AfterEach
  void stop() {
    issuer.close();
  }

  private JwtVerifier verifier(DemoSecret key) {
    return JwtVerifier.create(
        VerifierConfig.builder(KeyRing.of(key.signingKey()))
            .clock(clock)
            .issuers(Set.of(DemoStack.ISSUER))
            .audiences(Set.of(DemoStack.AUDIENCE))
            .build());
  }

  private static String token(DemoSecret key, Clock clock) {
    return JwtMinter.create(key.signingKey(), clock)
        .enhanced(DemoStack.SUBJECT)
        .buckets(List.of(SampleBucket.NAME))
        .permissions(DemoStack.ACTIONS)
        .mint();
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(issuer.url().resolve(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void assertRefused(HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertTrue(body.path("message").isTextual(), response.body());
    assertFalse(response.body().contains(keys.secretAccessKey()));
    assertFalse(response.body().contains(keys.accessKeyId()));
  }

  @Test
  void validToken_getsTheS3KeysWithASessionTokenAndAnHourOfLifetime() throws Exception {
    HttpResponse<String> response = get(CredentialIssuer.PATH, "Bearer " + token(secret, clock));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    JsonNode body = JSON.readTree(response.body());
    assertEquals(
        Set.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"),
        Set.copyOf(iterable(body.fieldNames())));
    assertEquals(keys.accessKeyId(), body.path("AccessKeyId").asText());
    assertEquals(keys.secretAccessKey(), body.path("SecretAccessKey").asText());
    assertTrue(body.path("SessionToken").asText().length() >= 40);
    assertEquals("2026-08-01T11:00:00Z", body.path("Expiration").asText());
    assertEquals(1, issuer.issued());
  }

  @Test
  void eachIssue_hasItsOwnSessionToken() throws Exception {
    String bearer = "Bearer " + token(secret, clock);
    String first =
        JSON.readTree(get(CredentialIssuer.PATH, bearer).body()).path("SessionToken").asText();
    String second =
        JSON.readTree(get(CredentialIssuer.PATH, bearer).body()).path("SessionToken").asText();
    assertNotEquals(first, second);
  }

  @Test
  void tokenSignedWithAnotherSecret_is401() throws Exception {
    DemoSecret other = DemoSecret.generate(random);
    HttpResponse<String> response = get(CredentialIssuer.PATH, "Bearer " + token(other, clock));
    assertRefused(response, 401);
    assertTrue(response.body().contains("bad_signature"), response.body());
    assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(0, issuer.issued());
  }

  @Test
  void expiredToken_is401() throws Exception {
    Clock twoHoursAgo = Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC);
    HttpResponse<String> response =
        get(CredentialIssuer.PATH, "Bearer " + token(secret, twoHoursAgo));
    assertRefused(response, 401);
    assertTrue(response.body().contains("expired"), response.body());
  }

  @Test
  void tokenForAnotherAudience_is401() throws Exception {
    String foreign =
        JwtMinter.create(secret.signingKey(), clock).enhanced("x").audience("elsewhere").mint();
    assertRefused(get(CredentialIssuer.PATH, "Bearer " + foreign), 401);
  }

  @Test
  void missingOrMalformedAuthorization_is401() throws Exception {
    String token = token(secret, clock);
    for (String header : new String[] {null, "Bearer", "Basic abc", "Bearer  " + token, token}) {
      assertRefused(get(CredentialIssuer.PATH, header), 401);
    }
    assertRefused(get(CredentialIssuer.PATH, "Bearer not-a-jwt"), 401);
    assertEquals(0, issuer.issued());
    assertEquals(6, issuer.refused());
  }

  @Test
  void otherMethodsAndPaths_areRefused() throws Exception {
    String bearer = "Bearer " + token(secret, clock);
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(issuer.url().resolve(CredentialIssuer.PATH))
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(post, 405);
    assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
    assertRefused(get("/api/auth/other", bearer), 404);
    assertEquals(0, issuer.issued());
  }

  @Test
  void boundToLoopback_andABusyPortIsAClearStartFailure() throws Exception {
    assertEquals("127.0.0.1", issuer.url().getHost());
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      DemoStartException e =
          assertThrows(
              DemoStartException.class,
              () ->
                  CredentialIssuer.start(
                      busy.getLocalPort(),
                      verifier(secret),
                      keys,
                      Duration.ofHours(1),
                      clock,
                      random));
      assertEquals(DemoStartException.EXIT_START_FAILURE, e.exitStatus());
      assertTrue(e.getMessage().contains("--registry-port"), e.getMessage());
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
