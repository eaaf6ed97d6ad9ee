package com.quiltdata.mcp.tools.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.engine.internal.OutputSchemaCheck;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One configuration of the diagnostics tools under test: a canary signing secret, a caller whose
 * token is the canary token, a real verifier source, session store and authorizer on a clock the
 * test moves. Records every tool answer and every log line so {@link #assertNoLeaks()} can check
 * neither secret nor any token (caller's or argument) appears in any of them.
 */
final class DiagnosticsFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  static final String ISSUER = "quilt-frontend";
  static final String AUDIENCE = "quilt-mcp-server";
  static final String KID = "frontend-enhanced";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WINDOW = 20;

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovableClock clock = new MovableClock(START);
  final String secret = canarySecret();
  final SigningKey key = SigningKey.ofUtf8(KID, secret);
  final JwtMinter minter = JwtMinter.create(key, clock);
  final VerifierSource verifiers;
  final InMemorySessionStore sessions =
      InMemorySessionStore.builder().clock(clock).idleTimeout(Duration.ofMinutes(30)).build();
  final DiagnosticsTools.Environment environment;
  private final McpEngine engine;
  private final List<String> tokens = new ArrayList<>();
  private final List<String> otherSecrets = new ArrayList<>();
  private final List<String> answers = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("com.quiltdata.mcp");
  private final Level previousLevel = logger.getLevel();

  /** Web mode with issuer and audience enforced. */
  DiagnosticsFixture() {
    this(DiagnosticsTools.Environment.WEB, true, null, c -> c.issuers(Set.of(ISSUER)));
  }

  /**
   * @param environment web or desktop
   * @param withKey whether the server has the signing key (desktop may not)
   * @param broker the credentials broker tools see ({@code null}: refusing)
   * @param options verifier options beyond key and clock
   */
  DiagnosticsFixture(
      DiagnosticsTools.Environment environment,
      boolean withKey,
      CredentialsBroker broker,
      Consumer<VerifierConfig.Builder> options) {
    this.environment = environment;
    VerifierConfig.Builder config =
        VerifierConfig.builder(KeyRing.of(key)).clock(clock).audiences(Set.of(AUDIENCE));
    options.accept(config);
    verifiers = withKey ? StaticVerifierSource.of(JwtVerifier.create(config.build())) : null;
    DiagnosticsTools.Builder tools = DiagnosticsTools.builder(environment);
    if (verifiers != null) {
      tools.verifierSource(verifiers);
    }
    tools.sessionStore(sessions);
    McpEngine.Builder builder =
        McpEngine.builder().clock(clock).credentialsBroker(broker).addTools(tools.build());
    builder.authorizer(PolicyAuthorizer.of(builder.requirements()));
    engine = builder.build();
    logs.start();
    logger.addAppender(logs);
    logger.setLevel(Level.DEBUG);
  }

  private static String canarySecret() {
    SecureRandom random = new SecureRandom();
    StringBuilder tail = new StringBuilder("CANARY-SECRET-");
    for (int i = 0; i < 40; i++) {
      tail.append((char) ('a' + random.nextInt(26)));
    }
    return tail.toString();
  }

  /** A token (remembered as a canary) for {@code subject} with the usual grants. */
  String token(String subject) {
    return remember(
        minter
            .enhanced(subject)
            .buckets(List.of("quilt-demos", "fl-158-raw"))
            .permissions(List.of("s3:GetObject", "s3:ListBucket"))
            .roles(List.of("ReadQuiltBucket"))
            .mint());
  }

  /** A key with another canary secret (the wrong key), remembered as a canary. */
  SigningKey otherKey(String keyId) {
    String other = canarySecret();
    otherSecrets.add(other);
    return SigningKey.ofUtf8(keyId, other);
  }

  /** Registers any token text as a canary that must never be shown. */
  String remember(String token) {
    tokens.add(token);
    return token;
  }

  /** The verified principal of a token (the caller). */
  Principal principal(String token) {
    return Principal.fromToken(verifiers.current().verify(token), BearerToken.of(token));
  }

  /** Calls a tool as {@code principal} in a fresh legacy session of theirs. */
  JsonNode call(Principal principal, String tool, String argumentsJson) {
    Session session = sessions.create(principal, "2025-06-18");
    return call(
        CallContext.http()
            .principal(principal)
            .session(sessions.lookup(session.id(), principal).orElseThrow())
            .build(),
        tool,
        argumentsJson);
  }

  /** Calls a tool with any context; returns the JSON-RPC result. */
  JsonNode call(CallContext context, String tool, String argumentsJson) {
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + argumentsJson
            + "}}";
    EngineResponse response = engine.handle(request.getBytes(StandardCharsets.UTF_8), context);
    assertEquals(Outcome.ANSWER, response.outcome());
    String body = response.body().orElseThrow();
    answers.add(body);
    try {
      JsonNode result = JSON.readTree(body).get("result");
      if (result == null) {
        throw new AssertionError("not a result: " + body.length() + " characters");
      }
      if (!result.path("isError").asBoolean()) {
        ObjectNode schema = definition(tool).outputSchema().orElseThrow();
        ObjectNode content = (ObjectNode) result.get("structuredContent");
        assertEquals(
            Optional.empty(),
            OutputSchemaCheck.violation(tool, schema, content),
            "structured content follows the output schema");
        assertEquals(
            result.get("structuredContent"),
            JSON.readTree(result.path("content").get(0).path("text").asText()),
            "the text block carries the same JSON as structuredContent");
      }
      return result;
    } catch (java.io.IOException e) {
      throw new AssertionError("body is not JSON", e);
    }
  }

  /** The structured content of a successful call. */
  static JsonNode structured(JsonNode result) {
    assertFalse(result.path("isError").asBoolean(), () -> "tool error: " + result);
    return result.get("structuredContent");
  }

  ToolDefinition definition(String tool) {
    return engine.tools().stream().filter(d -> d.name().equals(tool)).findFirst().orElseThrow();
  }

  McpEngine engine() {
    return engine;
  }

  /** Every captured log line, with throwable messages. */
  List<String> logLines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : new ArrayList<>(logs.list)) {
      StringBuilder line = new StringBuilder(e.getLevel() + " " + e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(line.toString());
    }
    return out;
  }

  /**
   * Fails if any answer or log line holds the secret, the canary marker, or any 20-character
   * stretch of any remembered token.
   */
  void assertNoLeaks() {
    List<String> needles = new ArrayList<>();
    needles.add(secret);
    needles.add("CANARY-SECRET");
    for (String token : tokens) {
      for (String segment : token.split("\\.")) {
        if (segment.length() >= 12 && segment.length() < WINDOW) {
          needles.add(segment);
        }
        for (int i = 0; i + WINDOW <= segment.length(); i += WINDOW / 2) {
          needles.add(segment.substring(i, i + WINDOW));
        }
      }
    }
    needles.addAll(otherSecrets);
    List<String> texts = new ArrayList<>(answers);
    texts.addAll(logLines());
    for (String text : texts) {
      for (String needle : needles) {
        if (text.contains(needle)) {
          fail("leaked secret material (" + needle.length() + " chars) in: " + text);
        }
      }
    }
  }

  /** How many answers were recorded (so a leak check is known to have looked at something). */
  int answers() {
    return answers.size();
  }

  @Override
  public void close() {
    logger.detachAppender(logs);
    logger.setLevel(previousLevel);
    logs.stop();
  }
}
