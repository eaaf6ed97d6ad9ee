package com.quiltdata.mcp.tools.s3;

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
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.aws.AwsClients;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.aws.AwsSettings;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.engine.NotificationSink;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Tools that sign S3 requests, over real components end to end: S3Proxy behind a counting front, a
 * real HTTP registry issuing the key S3Proxy accepts, a {@link RegistryCredentialsBroker}, the
 * engine with the {@link PolicyAuthorizer} built from the tools' own requirements, and tokens
 * minted and verified with a real key. The test JVM's ambient AWS credentials (system properties
 * set by surefire) are wrong on purpose: only the exchanged credentials work. A family's rig
 * extends this with its buckets and tools.
 */
public class ToolRig implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final ShiftClock clock = new ShiftClock();
  public final S3ProxyServer s3;
  public final CredentialRegistry registry;
  public final RegistryCredentialsBroker broker;
  public final AwsClients aws;
  public final List<Tool> tools;
  public final McpEngine engine;
  private final JwtMinter minter;
  private final JwtVerifier verifier;
  private final AtomicInteger ids = new AtomicInteger();

  /**
   * @param secret the token signing secret
   * @param settings adjusts the AWS settings (the endpoint is S3Proxy's)
   * @param tools the tools under test, built over the rig's AWS clients and clock
   * @param buckets the buckets S3Proxy starts with
   */
  protected ToolRig(
      String secret,
      UnaryOperator<AwsSettings> settings,
      Function<ToolRig, List<Tool>> tools,
      String... buckets) {
    s3 = S3ProxyServer.start(buckets);
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
    this.tools = List.copyOf(tools.apply(this));
    McpEngine.Builder b =
        McpEngine.builder().clock(clock).credentialsBroker(broker).addTools(this.tools);
    b.authorizer(PolicyAuthorizer.of(b.requirements()));
    engine = b.build();
    SigningKey key = SigningKey.ofUtf8(null, secret);
    minter = JwtMinter.create(key, clock);
    verifier = JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
  }

  /** A verified principal for a freshly minted token. */
  public Principal user(String subject, List<String> buckets, List<String> permissions) {
    return principal(minter.enhanced(subject).buckets(buckets).permissions(permissions).mint());
  }

  public Principal principal(String token) {
    return Principal.fromToken(verifier.verify(token), BearerToken.of(token));
  }

  /** Writes an object with S3Proxy's own key, bypassing the tools. */
  public void put(String bucket, String key, String content) {
    s3.admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  /** Reads an object with S3Proxy's own key, bypassing the tools. */
  public String get(String bucket, String key) {
    return s3.admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /** Calls a tool through the engine as {@code principal}; {@code args} is a JSON object. */
  public Reply call(Principal principal, String tool, String args) {
    return send(principal, tool, args, "", NotificationSink.NONE);
  }

  /** Calls a tool with a progress token, its notifications going to {@code sink}. */
  public Reply call(Principal principal, String tool, String args, NotificationSink sink) {
    return send(principal, tool, args, ",\"_meta\":{\"progressToken\":\"p\"}", sink);
  }

  private Reply send(
      Principal principal, String tool, String args, String meta, NotificationSink sink) {
    // Sent as the raw text given (not re-serialised), so escapes such as a lone surrogate reach
    // the engine as a client would send them.
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + ids.incrementAndGet()
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + args
            + meta
            + "}}";
    EngineResponse response =
        engine.handle(
            request.getBytes(StandardCharsets.UTF_8),
            CallContext.stdio()
                .principal(principal)
                .negotiatedVersion(ProtocolVersions.V2025_06_18)
                .notifications(sink)
                .build());
    String body = response.body().orElseThrow();
    // plain AssertionErrors (JUnit reports them as failures) keep the rig free of JUnit, so the
    // benchmarks can run it too
    if (principal.token().isPresent() && body.contains(principal.token().get().reveal())) {
      throw new AssertionError("the token leaked");
    }
    if (body.contains(S3ProxyServer.SECRET_KEY)) {
      throw new AssertionError("the secret key leaked");
    }
    try {
      return new Reply(response.outcome(), JSON.readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One JSON-RPC answer. */
  public record Reply(EngineResponse.Outcome outcome, JsonNode body) {
    public boolean isError() {
      return body.path("result").path("isError").asBoolean(false);
    }

    public JsonNode structured() {
      return body.path("result").path("structuredContent");
    }

    /** The typed reason of a failed call. */
    public String reason() {
      return structured().path("reason").asText();
    }

    public String text() {
      return body.path("result").path("content").path(0).path("text").asText();
    }

    /** The JSON-RPC error, if the call was refused as a protocol error. */
    public JsonNode error() {
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
