package com.quiltdata.mcp.standins.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The credential exchange, over real HTTP, with tokens the verifier accepts and refuses. */
class CredentialsStandInTest {
  private static final SigningKey KEY =
      SigningKey.ofUtf8(null, "credentials-stand-in-test-secret-0123456789");
  private static final SigningKey OTHER =
      SigningKey.ofUtf8(null, "another-secret-altogether-0123456789abcdef");

  private static HttpResponse<String> exchange(CredentialsStandIn registry, String token)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(registry.url().resolve(CredentialsStandIn.PATH));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(SigningKey key) {
    return JwtMinter.create(key, Clock.systemUTC())
        .enhanced("alice@example.com")
        .ttl(Duration.ofMinutes(5))
        .mint();
  }

  @Test
  void verifiedToken_getsTheKeyPairWithASessionTokenAndAnExpiry_othersGet401() throws Exception {
    JwtVerifier verifier = JwtVerifier.create(VerifierConfig.builder(KeyRing.of(KEY)).build());
    try (CredentialsStandIn registry = CredentialsStandIn.start(verifier, "AKIDALICE", "s3cr3t")) {
      HttpResponse<String> ok = exchange(registry, token(KEY));
      assertEquals(200, ok.statusCode(), ok.body());
      JsonNode creds = new ObjectMapper().readTree(ok.body());
      assertEquals("AKIDALICE", creds.path("AccessKeyId").asText());
      assertEquals("s3cr3t", creds.path("SecretAccessKey").asText());
      assertFalse(creds.path("SessionToken").asText().isEmpty());
      assertTrue(Instant.parse(creds.path("Expiration").asText()).isAfter(Instant.now()));

      HttpResponse<String> foreign = exchange(registry, token(OTHER));
      assertEquals(401, foreign.statusCode());
      assertFalse(foreign.body().contains("s3cr3t"), foreign.body());
      assertEquals(401, exchange(registry, null).statusCode());
      assertEquals(1, registry.issued());
    }
  }
}
