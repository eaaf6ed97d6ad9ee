package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS preflight and headers, RFC 9728 metadata, and the health endpoints. */
class CorsMetadataHealthTest {
  private static final String PAGE = "http://localhost:3000";
  private static ServerHarness h;

  @BeforeAll
  static void start() {
    h = new ServerHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void preflight_isAnsweredWithoutAuth_andAllowsTheMcpHeaders() {
    HttpResponse<String> r =
        h.send(
            h.request("/mcp/?t=1")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers",
                    "authorization, content-type, mcp-session-id, x-sentry-trace, bad header"));
    assertEquals(204, r.statusCode());
    assertEquals(PAGE, header(r, "Access-Control-Allow-Origin"));
    assertTrue(header(r, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(header(r, "Access-Control-Allow-Methods").contains("DELETE"));
    String allowed = header(r, "Access-Control-Allow-Headers");
    for (String name :
        new String[] {
          "authorization", "mcp-session-id", "mcp-protocol-version", "x-sentry-trace"
        }) {
      assertTrue(allowed.contains(name), allowed);
    }
    assertFalse(allowed.contains("bad header"));
    assertTrue(header(r, "Access-Control-Expose-Headers").contains("Mcp-Session-Id"));
    assertTrue(header(r, "Access-Control-Allow-Credentials").isEmpty());
  }

  @Test
  void preflight_fromForeignOrigin_isForbidden() {
    HttpResponse<String> r =
        h.send(
            h.request("/mcp")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
    assertEquals(403, r.statusCode());
    assertTrue(header(r, "Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void browserInitialize_exposesSessionIdToTheAllowedOrigin() {
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.initialize("2024-11-05")).header("Origin", PAGE));
    assertEquals(200, r.statusCode());
    assertEquals(PAGE, header(r, "Access-Control-Allow-Origin"));
    assertTrue(header(r, "Access-Control-Expose-Headers").contains("Mcp-Session-Id"));
    assertFalse(header(r, "Mcp-Session-Id").isEmpty());
  }

  @Test
  void browserChallenge_isReadableByTheAllowedOrigin() {
    HttpResponse<String> r =
        h.send(h.post("/mcp", Messages.TOOLS_LIST).header("Origin", "http://127.0.0.1:8080"));
    assertEquals(401, r.statusCode());
    assertEquals("http://127.0.0.1:8080", header(r, "Access-Control-Allow-Origin"));
    assertTrue(header(r, "Access-Control-Expose-Headers").contains("WWW-Authenticate"));
  }

  @Test
  void opaqueOrMalformedOrigins_areForbidden() {
    for (String origin :
        new String[] {"null", "http://localhost:3000/", "http://user@localhost", "localhost"}) {
      HttpResponse<String> r = h.send(h.post("/mcp", Messages.PING).header("Origin", origin));
      assertEquals(403, r.statusCode(), origin);
    }
  }

  @Test
  void metadata_isServedAtBothPaths_withoutAuth() {
    for (String path :
        new String[] {
          "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp"
        }) {
      HttpResponse<String> r = h.send(h.request(path).GET());
      assertEquals(200, r.statusCode(), path);
      assertTrue(header(r, "Content-Type").startsWith("application/json"));
      JsonNode doc = json(r);
      assertEquals("http://127.0.0.1:" + h.server.port() + "/mcp", doc.path("resource").asText());
      assertEquals(1, doc.path("authorization_servers").size());
      assertEquals(
          "https://catalog.example.com", doc.path("authorization_servers").get(0).asText());
      assertEquals("header", doc.path("bearer_methods_supported").get(0).asText());
      assertEquals(1, doc.path("bearer_methods_supported").size());
    }
  }

  @Test
  void metadata_withPublicUrl_namesItAndChallengesPointToIt() {
    try (ServerHarness pub =
        new ServerHarness(b -> b.publicUrl(URI.create("https://mcp.example.com/mcp")), List.of())) {
      JsonNode doc = json(pub.send(pub.request("/.well-known/oauth-protected-resource").GET()));
      assertEquals("https://mcp.example.com/mcp", doc.path("resource").asText());
      HttpResponse<String> r = pub.send(pub.post("/mcp", Messages.TOOLS_LIST));
      assertEquals(
          "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"",
          header(r, "WWW-Authenticate"));
    }
  }

  @Test
  void health_reportsStatusVersionAndUptime_withoutAuth() {
    for (String path : new String[] {"/health", "/healthz"}) {
      JsonNode first = json(h.send(h.request(path).GET()));
      h.clock.advance(Duration.ofSeconds(30));
      HttpResponse<String> r = h.send(h.request(path).GET());
      assertEquals(200, r.statusCode());
      JsonNode doc = json(r);
      assertEquals("ok", doc.path("status").asText());
      assertEquals("in memory", doc.path("sessionStore").asText());
      assertEquals("9.9.9-test", doc.path("version").asText());
      assertTrue(doc.path("uptimeSeconds").asLong() >= first.path("uptimeSeconds").asLong() + 30);
      assertFalse(r.body().contains("kfp1"), "no key fingerprint on an open endpoint");
    }
  }

  @Test
  void health_is503_andRequestsAre503_whenTheKeyRingFails() {
    AtomicBoolean broken = new AtomicBoolean();
    VerifierSource delegate =
        StaticVerifierSource.of(
            JwtVerifier.create(
                VerifierConfig.builder(KeyRing.of(SigningKey.ofUtf8(null, ServerHarness.SECRET)))
                    .build()));
    VerifierSource failing =
        new VerifierSource() {
          @Override
          public JwtVerifier current() {
            if (broken.get()) {
              throw new IllegalStateException("key ring unavailable");
            }
            return delegate.current();
          }

          @Override
          public KeyInfo keyInfo() {
            return delegate.keyInfo();
          }
        };
    try (ServerHarness sick = new ServerHarness(b -> {}, List.of(), failing)) {
      assertEquals(200, sick.send(sick.request("/health").GET()).statusCode());
      broken.set(true);
      HttpResponse<String> health = sick.send(sick.request("/healthz").GET());
      assertEquals(503, health.statusCode());
      assertEquals("unavailable", json(health).path("status").asText());
      HttpResponse<String> call =
          sick.send(
              sick.post("/mcp", Messages.PING)
                  .header("Authorization", "Bearer " + sick.token("alice")));
      assertEquals(503, call.statusCode());
      assertFalse(call.body().contains("key ring unavailable"));
    }
  }

  @Test
  void health_isStillBehindTheHostGuard() {
    HttpResponse<String> r = h.send(h.request("/health").GET().header("Host", "evil.example"));
    assertEquals(403, r.statusCode());
  }

  @Test
  void configuredOrigin_matchesItsDefaultPortSpelling() {
    try (ServerHarness catalog =
        new ServerHarness(
            b -> b.allowedOrigins(List.of("https://catalog.example.com")), List.of())) {
      assertEquals(
          200,
          catalog
              .send(
                  catalog
                      .post("/mcp", Messages.initialize("2024-11-05"))
                      .header("Origin", "https://catalog.example.com:443"))
              .statusCode());
      assertEquals(
          403,
          catalog.send(catalog.post("/mcp", Messages.PING).header("Origin", PAGE)).statusCode());
    }
  }
}
