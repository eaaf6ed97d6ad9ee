package com.quiltdata.mcp.benchmarks.soak;

import com.quiltdata.mcp.auth.SsmStub;
import com.quiltdata.mcp.session.redis.RedisServerRig;
import com.quiltdata.mcp.tools.s3.CredentialRegistry;
import com.quiltdata.mcp.tools.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Everything the soak runs against, on loopback: a real redis-server with a password, S3Proxy with
 * one seeded bucket, the registry stand-in of the tool tests (it issues S3Proxy's key pair with a
 * fresh session token per call), the SSM stand-in holding the signing secret, each behind its own
 * {@link FaultProxy}, and the server replicas pointed at the proxies. {@link #close()} stops all.
 */
final class SoakStack implements AutoCloseable {
  static final String BUCKET = "soak-bucket";
  static final String PARAMETER = "/quilt/mcp-server/jwt-secret";
  static final int OBJECTS = 40;

  final String signingSecret;
  final String redisPassword;
  final String ssmSecretKey;
  final RedisServerRig redis;
  final S3ProxyServer s3;
  final CredentialRegistry registry;
  final SsmStub ssm;
  final FaultProxy redisProxy;
  final FaultProxy s3Proxy;
  final FaultProxy registryProxy;
  final FaultProxy ssmProxy;
  final List<Replica> replicas = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private boolean closed;

  private SoakStack(SecureRandom random) throws IOException {
    signingSecret = "soak-signing-" + randomText(random, 36);
    redisPassword = "soak-redis-" + randomText(random, 24);
    ssmSecretKey = "soak-ssm-reader-" + randomText(random, 24);
    redis = keep(RedisServerRig.started(redisPassword));
    s3 = keep(S3ProxyServer.start(BUCKET));
    for (int i = 0; i < OBJECTS; i++) {
      s3.admin()
          .putObject(
              PutObjectRequest.builder().bucket(BUCKET).key("data/object-" + i + ".txt").build(),
              RequestBody.fromString("soak object " + i));
    }
    registry = keep(new CredentialRegistry(Clock.systemUTC()));
    ssm = keep(SsmStub.start(PARAMETER));
    ssm.put(signingSecret, Instant.now());
    redisProxy = keep(FaultProxy.start("redis", redis.port()));
    s3Proxy = keep(FaultProxy.start("s3", s3.directEndpoint().getPort()));
    registryProxy = keep(FaultProxy.start("registry", registry.url().getPort()));
    ssmProxy = keep(FaultProxy.start("ssm", ssm.endpoint().getPort()));
  }

  /** Starts the dependencies and {@code count} replicas of {@code jar}. */
  static SoakStack start(Path jar, Path dir, int count, String heap, int refreshSeconds)
      throws IOException, InterruptedException {
    SoakStack stack = new SoakStack(new SecureRandom());
    // an interrupted run (Ctrl-C) must not leave replicas or redis-server behind
    Thread hook = new Thread(stack::close, "soak-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (int i = 0; i < count; i++) {
        stack.replicas.add(
            Replica.start("replica-" + i, jar, dir, heap, stack.environment(refreshSeconds)));
      }
      return stack;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** The replicas' environment: every dependency through its fault proxy. */
  Map<String, String> environment(int refreshSeconds) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MCP_JWT_SECRET_SSM_PARAMETER", PARAMETER);
    env.put("MCP_JWT_SECRET_REFRESH_SECONDS", Integer.toString(refreshSeconds));
    env.put("MCP_JWT_ISSUER", Traffic.ISSUER);
    env.put("MCP_JWT_AUDIENCE", Traffic.AUDIENCE);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_SSM", url(ssmProxy).toString());
    // the default AWS chain reads these for SSM only; S3 uses what the registry issues
    env.put("AWS_ACCESS_KEY_ID", "AKIASOAKSSMREADER001");
    env.put("AWS_SECRET_ACCESS_KEY", ssmSecretKey);
    // read by the AWS SDK, not by the server: no instance-metadata probe on loopback
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("QUILT_REGISTRY_URL", url(registryProxy).toString());
    env.put("AWS_ENDPOINT_URL_S3", url(s3Proxy).toString());
    env.put("MCP_SESSION_STORE", "redis://127.0.0.1:" + redisProxy.port());
    env.put("MCP_SESSION_STORE_PASSWORD", redisPassword);
    env.put("MCP_LOG_FORMAT", "text");
    return env;
  }

  /** The secrets whose appearance anywhere is a leak, by name. */
  Map<String, String> secrets() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("signing secret", signingSecret);
    s.put("signing secret (base64)", Base64.getEncoder().encodeToString(signingSecret.getBytes()));
    s.put("Redis password", redisPassword);
    s.put("SSM reader's AWS secret key", ssmSecretKey);
    s.put("issued S3 secret key", S3ProxyServer.SECRET_KEY);
    s.put("issued S3 session token", CredentialRegistry.SESSION_PREFIX);
    return s;
  }

  List<URI> mcpUrls() {
    List<URI> urls = new ArrayList<>();
    replicas.forEach(r -> urls.add(r.mcp()));
    return urls;
  }

  private static URI url(FaultProxy proxy) {
    return URI.create("http://127.0.0.1:" + proxy.port());
  }

  private <T extends AutoCloseable> T keep(T c) {
    toClose.add(c);
    return c;
  }

  private static String randomText(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Stops the replicas, then every dependency. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    replicas.forEach(Replica::close);
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("soak: stopping " + toClose.get(i) + " failed: " + e);
      }
    }
  }
}
