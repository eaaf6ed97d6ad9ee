package com.quiltdata.mcp.tools.packages;

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
import com.quiltdata.mcp.tools.engine.NotificationSink;
import com.quiltdata.mcp.tools.s3.CredentialRegistry;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import com.quiltdata.mcp.tools.s3.ShiftClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The package tools over real components: S3Proxy (behind the counting front), the HTTP registry
 * issuing the credentials S3Proxy accepts, the registry broker, the engine with the family's own
 * authorization table, and tokens minted and verified with a real key.
 */
final class PackagesRig implements AutoCloseable {
  static final String REGISTRY = "quilt-registry";
  static final String DATA = "quilt-data";
  static final String OTHER = "quilt-other";
  static final String SECRET = "package-tools-test-signing-secret-0123456789";
  static final List<String> ALL =
      List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
  static final ObjectMapper JSON = new ObjectMapper();

  final ShiftClock clock = new ShiftClock();
  final S3ProxyServer s3;
  final CredentialRegistry registry;
  final AwsClients aws;
  final McpEngine engine;
  private final JwtMinter minter;
  private final JwtVerifier verifier;
  private final AtomicInteger ids = new AtomicInteger();

  PackagesRig() {
    this(p -> p);
  }

  PackagesRig(UnaryOperator<PackageSettings> settings) {
    s3 = S3ProxyServer.start(REGISTRY, DATA, OTHER);
    registry = new CredentialRegistry(clock);
    RegistryCredentialsBroker broker =
        RegistryCredentialsBroker.builder(
                CredentialSource.registry(registry.url()).clock(clock).build())
            .clock(clock)
            .build();
    aws =
        AwsClients.create(
            AwsSettings.defaults()
                .withEndpoint(AwsService.S3, s3.endpoint())
                .withRequestPolicy(
                    Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20), 1));
    PackageTools tools =
        PackageTools.create(settings.apply(PackageSettings.defaults()), aws, clock);
    McpEngine.Builder b =
        McpEngine.builder().clock(clock).credentialsBroker(broker).addTools(tools.tools());
    b.authorizer(PolicyAuthorizer.of(b.requirements()));
    engine = b.build();
    SigningKey key = SigningKey.ofUtf8(null, SECRET);
    minter = JwtMinter.create(key, clock);
    verifier = JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
  }

  Principal user(String subject, List<String> buckets, List<String> permissions) {
    String token = minter.enhanced(subject).buckets(buckets).permissions(permissions).mint();
    return Principal.fromToken(verifier.verify(token), BearerToken.of(token));
  }

  /** Every action on the three buckets. */
  Principal alice() {
    return user("alice@example.com", List.of(REGISTRY, DATA, OTHER), ALL);
  }

  void put(String bucket, String key, String content) {
    s3.admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  String get(String bucket, String key) {
    return s3.admin().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  Reply call(Principal principal, String tool, String args) {
    return call(principal, tool, args, NotificationSink.NONE);
  }

  Reply call(Principal principal, String tool, String args, NotificationSink sink) {
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + ids.incrementAndGet()
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + args
            + ",\"_meta\":{\"progressToken\":\"p\"}}}";
    EngineResponse response =
        engine.handle(
            request.getBytes(StandardCharsets.UTF_8),
            CallContext.stdio().principal(principal).notifications(sink).build());
    String body = response.body().orElseThrow();
    principal.token().ifPresent(t -> assertFalse(body.contains(t.reveal()), "the token leaked"));
    assertFalse(body.contains(S3ProxyServer.SECRET_KEY), "the secret key leaked");
    try {
      return new Reply(JSON.readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One JSON-RPC answer. */
  record Reply(JsonNode body) {
    boolean isError() {
      return body.path("result").path("isError").asBoolean(false);
    }

    JsonNode structured() {
      return body.path("result").path("structuredContent");
    }

    String reason() {
      return structured().path("reason").asText();
    }

    String text() {
      return body.path("result").path("content").path(0).path("text").asText();
    }

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
