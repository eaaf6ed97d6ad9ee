package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.aws.AwsSettings;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Real components end to end: S3Proxy behind a counting front, a real HTTP registry issuing the key
 * S3Proxy accepts, a {@link RegistryCredentialsBroker}, the S3 tools, the engine with the {@link
 * PolicyAuthorizer} built from the tools' requirements, and tokens minted and verified with a real
 * key. The test JVM's ambient AWS credentials (system properties set by surefire) are wrong on
 * purpose: only the exchanged credentials work.
 */
final class S3Rig implements AutoCloseable {
  static final String BUCKET = "quilt-data";
  static final String OTHER_BUCKET = "quilt-other";
  static final String SECRET = "s3-tools-test-signing-secret-0123456789abcdef";
  static final List<String> ALL_ACTIONS = List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject");
  static final ObjectMapper JSON = new ObjectMapper();

  final ShiftClock clock = new ShiftClock();
  final S3ProxyServer s3;
  final CredentialRegistry registry;
  final RegistryCredentialsBroker broker;
  final AwsClients aws;
  final S3Tools tools;
  final McpEngine engine;
  final JwtMinter minter;
  private final JwtVerifier verifier;
  private final AtomicInteger ids = new AtomicInteger();

  S3Rig() {
    this(s -> s);
  }

  S3Rig(UnaryOperator<S3Settings> limits) {
    this(limits, a -> a);
  }

  S3Rig(UnaryOperator<S3Settings> limits, UnaryOperator<AwsSettings> settings) {
    s3 = S3ProxyServer.start(BUCKET, OTHER_BUCKET);
    registry = new CredentialRegistry(clock);
    broker =
        RegistryCredentialsBroker.builder(
                CredentialSource.registry(registry.url()).clock(clock).build())
            .clock(clock)
            .build();
    aws =
        AwsClients.create(
            settings.apply(
                AwsSettings.defaults()
                    .withEndpoint(AwsService.S3, s3.endpoint())
                    .withRequestPolicy(
                        Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20), 1)));
    tools = S3Tools.create(limits.apply(S3Settings.defaults()), aws);
    McpEngine.Builder b =
        McpEngine.builder().clock(clock).credentialsBroker(broker).addTools(tools.tools());
    b.authorizer(PolicyAuthorizer.of(b.requirements()));
    engine = b.build();
    SigningKey key = SigningKey.ofUtf8(null, SECRET);
    minter = JwtMinter.create(key, clock);
    verifier = JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
  }

  /** A verified principal for a freshly minted token. */
  Principal user(String subject, List<String> buckets, List<String> permissions) {
    String token = minter.enhanced(subject).buckets(buckets).permissions(permissions).mint();
    return principal(token);
  }

  /** A user with every S3 action on {@link #BUCKET}. */
  Principal alice() {
    return user("alice@example.com", List.of(BUCKET), ALL_ACTIONS);
  }

  Principal principal(String token) {
    return Principal.fromToken(verifier.verify(token), BearerToken.of(token));
  }

  /** Calls a tool through the engine as {@code principal}; {@code args} is a JSON object. */
  Reply call(Principal principal, String tool, String args) {
    try {
      // Sent as the raw text given (not re-serialised), so escapes such as a lone surrogate
      // reach the engine as a client would send them.
      String request =
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + ids.incrementAndGet()
              + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
              + tool
              + "\",\"arguments\":"
              + args
              + "}}";
      EngineResponse response =
          engine.handle(
              request.getBytes(StandardCharsets.UTF_8),
              CallContext.stdio().principal(principal).build());
      String body = response.body().orElseThrow();
      principal.token().ifPresent(t -> assertFalse(body.contains(t.reveal()), "the token leaked"));
      assertFalse(body.contains(S3ProxyServer.SECRET_KEY), "the secret key leaked");
      return new Reply(response.outcome(), JSON.readTree(body));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One JSON-RPC answer. */
  record Reply(EngineResponse.Outcome outcome, JsonNode body) {
    boolean isError() {
      return body.path("result").path("isError").asBoolean(false);
    }

    JsonNode structured() {
      return body.path("result").path("structuredContent");
    }

    String text() {
      return body.path("result").path("content").path(0).path("text").asText();
    }

    /** The JSON-RPC error, if the call was refused as a protocol error. */
    JsonNode error() {
      return body.path("error");
    }

    @Override
    public String toString() {
      return body.toString();
    }
  }

  @Override
  public void close() {
    aws.close();
    registry.close();
    s3.close();
  }
}
