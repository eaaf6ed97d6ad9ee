package com.quiltdata.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real server on 127.0.0.1 port 0: TokenAuthenticator over a StaticVerifierSource with a known
 * secret, InMemorySessionStore, PolicyAuthorizer and McpEngine, all on one {@link TestClock}; the
 * JDK HttpClient as the client.
 */
final class ServerHarness implements AutoCloseable {
  static final String SECRET = "test-secret-for-the-http-adapter-0123456789abcdef";
  static final String READ_TOOL = "read_object";
  static final ObjectMapper JSON = new ObjectMapper();

  final TestClock clock = new TestClock(Instant.parse("2026-08-01T10:00:00Z"));
  final SigningKey key = SigningKey.ofUtf8(null, SECRET);
  final JwtMinter minter = JwtMinter.create(key, clock);
  final InMemorySessionStore sessions;

  /** How many times the server asked its authenticator to verify a request's headers. */
  final java.util.concurrent.atomic.AtomicInteger authentications =
      new java.util.concurrent.atomic.AtomicInteger();

  final McpHttpServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerHarness() {
    this(b -> {}, List.of());
  }

  ServerHarness(Consumer<HttpServerConfig.Builder> config, List<Tool> extraTools) {
    this(config, extraTools, null);
  }

  ServerHarness(
      Consumer<HttpServerConfig.Builder> config, List<Tool> extraTools, VerifierSource source) {
    this(config, extraTools, source, null);
  }

  ServerHarness(
      Consumer<HttpServerConfig.Builder> config,
      List<Tool> extraTools,
      VerifierSource source,
      ServerMetrics metrics) {
    VerifierSource verifiers =
        source != null
            ? source
            : StaticVerifierSource.of(
                JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build()));
    sessions = InMemorySessionStore.builder().clock(clock).build();
    McpEngine.Builder engine =
        McpEngine.builder()
            .serverInfo("quilt-mcp", "test")
            .clock(clock)
            .addTools(
                DiagnosticsTools.builder(DiagnosticsTools.Environment.WEB)
                    .verifierSource(verifiers)
                    .build()
                    .subList(0, 1)) // auth_status
            .addTool(readTool())
            .addTools(extraTools);
    engine.authorizer(PolicyAuthorizer.of(engine.requirements()));
    HttpServerConfig.Builder cfg =
        HttpServerConfig.builder()
            .port(0)
            .authorizationServers(List.of(URI.create("https://catalog.example.com")))
            .shutdownTimeout(Duration.ofSeconds(5));
    config.accept(cfg);
    server =
        McpHttpServer.builder(cfg.build())
            .verifierSource(verifiers)
            .authenticator(counted(TokenAuthenticator.builder(verifiers).clock(clock).build()))
            .sessionStore(sessions)
            .engine(engine.build())
            .version("9.9.9-test")
            .clock(clock)
            .metrics(metrics)
            .build()
            .start();
  }

  private com.quiltdata.mcp.auth.Authenticator counted(com.quiltdata.mcp.auth.Authenticator real) {
    return values -> {
      authentications.incrementAndGet();
      return real.authenticate(values);
    };
  }

  /** A tool needing s3:GetObject on its {@code bucket} argument. */
  static Tool readTool() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("bucket").put("type", "string");
    schema.putArray("required").add("bucket");
    return Tool.of(
        ToolDefinition.builder(READ_TOOL)
            .description("reads an object (test)")
            .inputSchema(schema)
            .requirements(
                ToolRequirements.builder(READ_TOOL).action("s3:GetObject").bucket("bucket").build())
            .build(),
        (args, ctx) -> ToolResult.text("read from " + args.path("bucket").asText()));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  /**
   * A token for {@code subject} allowed to read {@code buckets}; a fresh iat after each advance.
   */
  String token(String subject, String... buckets) {
    clock.advance(Duration.ofSeconds(1));
    return minter
        .enhanced(subject)
        .buckets(List.of(buckets))
        .permissions(List.of("s3:GetObject", "s3:ListBucket"))
        .mint();
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  HttpRequest.Builder post(String pathAndQuery, String body) {
    return request(pathAndQuery)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Legacy initialize; returns the response (session id in Mcp-Session-Id). */
  HttpResponse<String> initialize(String token, String version) {
    HttpRequest.Builder r = post("/mcp", Messages.initialize(version));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return send(r);
  }

  /** A session for {@code token}'s user (initialize + initialized). */
  String session(String token) {
    HttpResponse<String> init = initialize(token, "2025-06-18");
    String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpRequest.Builder n =
        post("/mcp", Messages.INITIALIZED)
            .header("Mcp-Session-Id", id)
            .header("MCP-Protocol-Version", "2025-06-18");
    if (token != null) {
      n.header("Authorization", "Bearer " + token);
    }
    send(n);
    return id;
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + response.statusCode(), e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
