package com.quiltdata.mcp.server.http;

import static com.quiltdata.mcp.server.http.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The diagnostics tools as {@link ServerAssembly} wires them from environment variables, over real
 * HTTP: the caller's state with the configured key's fingerprint, the verdict on the caller's own
 * and on a forged token, and the caller's session; no answer and no log line holds the canary
 * secret or any token.
 */
class DiagnosticsToolsHttpTest {
  private static final String KID = "frontend-enhanced";
  private final String secret = canary();
  private final TestClock clock = new TestClock(Instant.parse("2026-08-01T10:00:00Z"));
  private final SigningKey key = SigningKey.ofUtf8(KID, secret);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> answers = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private Logger root;
  private ServerAssembly server;

  private static String canary() {
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder("CANARY-SECRET-");
    for (int i = 0; i < 40; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  @BeforeEach
  void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.setContext(context);
    logs.start();
    root.addAppender(logs);
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", secret);
    env.put("MCP_JWT_KID", KID);
    env.put("MCP_JWT_ISSUER", "quilt-frontend");
    env.put("MCP_JWT_AUDIENCE", "quilt-mcp-server");
    env.put("QUILT_REGISTRY_URL", "http://127.0.0.1:9"); // never contacted: no tool needs AWS
    env.put("MCP_PORT", "0");
    server = ServerAssembly.start(WebEnvironment.read(env), "test", clock);
  }

  @AfterEach
  void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  private String token(SigningKey signer, String subject) {
    String t =
        JwtMinter.create(signer, clock)
            .enhanced(subject)
            .buckets(List.of("quilt-demos"))
            .permissions(List.of("s3:GetObject"))
            .mint();
    tokens.add(t);
    return t;
  }

  private HttpResponse<String> post(String body, String token, String session) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().port() + "/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    try {
      HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
      answers.add(response.body());
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode call(String tool, String arguments, String token, String session) {
    HttpResponse<String> r = post(Messages.call(7, tool, arguments), token, session);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode result = json(r).path("result");
    assertFalse(result.path("isError").asBoolean(), r.body());
    return result.path("structuredContent");
  }

  @Test
  void diagnosticsOverHttp_explainTheCallerAndTokens_withoutLeakingAnything() {
    String token = token(key, "alice@example.com");
    HttpResponse<String> init = post(Messages.initialize("2025-06-18"), token, null);
    assertEquals(200, init.statusCode());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

    JsonNode listed = json(post(Messages.TOOLS_LIST, token, session)).path("result");
    assertTrue(listed.toString().contains("\"validate_jwt_token\""));

    JsonNode jwt = call("jwt_diagnostics", "{}", token, session);
    assertEquals("web", jwt.path("environment").asText());
    assertEquals("alice@example.com", jwt.path("subject").asText());
    JsonNode serverKey = jwt.path("server_key");
    assertEquals("env", serverKey.path("source").asText());
    assertEquals(KID, serverKey.path("key_id").asText());
    assertEquals(key.fingerprint(), serverKey.path("fingerprint").asText());
    assertEquals("quilt-frontend", jwt.path("verification").path("issuers").get(0).asText());

    JsonNode own = call("validate_jwt_token", "{}", token, session);
    assertEquals("caller", own.path("source").asText());
    assertTrue(own.path("verdict").path("valid").asBoolean(), own.toString());

    String forged = token(SigningKey.ofUtf8(KID, canary()), "alice@example.com");
    JsonNode bad =
        call("validate_jwt_token", "{\"token\":" + TextNode.valueOf(forged) + "}", token, session);
    assertEquals("BAD_SIGNATURE", bad.path("verdict").path("reason").asText());
    assertTrue(bad.path("verdict").path("hint").asText().contains(key.fingerprint()));

    JsonNode sessionInfo = call("session_diagnostics", "{}", token, session);
    assertTrue(sessionInfo.path("session").path("present").asBoolean());
    assertTrue(sessionInfo.path("session").path("bound_to_caller").asBoolean());
    assertEquals(1, sessionInfo.path("store").path("active").asInt());

    assertNoLeaks();
  }

  private void assertNoLeaks() {
    List<String> needles = new ArrayList<>();
    needles.add(secret);
    needles.add("CANARY-SECRET");
    for (String t : tokens) {
      for (String segment : t.split("\\.")) {
        for (int i = 0; i + 20 <= segment.length(); i += 10) {
          needles.add(segment.substring(i, i + 20));
        }
      }
    }
    List<String> texts = new ArrayList<>(answers);
    for (ILoggingEvent e : new ArrayList<>(logs.list)) {
      StringBuilder line = new StringBuilder(e.getFormattedMessage());
      if (e.getKeyValuePairs() != null) {
        e.getKeyValuePairs()
            .forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(' ').append(t.getMessage());
      }
      texts.add(line.toString());
    }
    assertTrue(texts.size() > answers.size(), "log lines were captured");
    for (String text : texts) {
      for (String needle : needles) {
        assertFalse(text.contains(needle), "leaked secret material in: " + text);
      }
    }
  }
}
