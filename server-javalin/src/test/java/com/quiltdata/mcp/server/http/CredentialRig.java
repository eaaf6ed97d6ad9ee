package com.quiltdata.mcp.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real HTTP registry stub issuing one user's temporary AWS credentials ({@code GET
 * /api/auth/get_credentials}, recording each call's {@code traceparent}) and, when buckets are
 * given, S3Proxy accepting only those credentials, each bucket holding the given objects (5 bytes
 * each). More registry paths (the catalog's {@code /graphql}) can be served with {@link #serve}.
 */
final class CredentialRig implements AutoCloseable {
  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final HttpServer registry;
  private final S3Proxy s3proxy;
  private final List<String> traceparents = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch arrived = new CountDownLatch(0);
  private volatile CountDownLatch release = new CountDownLatch(0);

  /**
   * Starts the registry and, with buckets, S3Proxy.
   *
   * @param keys access key, secret key and session token the registry issues
   * @param buckets bucket names for S3Proxy (none: no S3)
   * @param objects the keys created in every bucket
   */
  CredentialRig(List<String> keys, List<String> buckets, List<String> objects) throws Exception {
    this.accessKey = keys.get(0);
    this.secretKey = keys.get(1);
    this.sessionToken = keys.get(2);
    this.s3proxy = buckets.isEmpty() ? null : s3(buckets, objects);
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/api/auth/get_credentials", this::credentials);
    registry.start();
  }

  private S3Proxy s3(List<String> buckets, List<String> objects) throws Exception {
    TransientNio2BlobStore store = new TransientNio2BlobStore();
    for (String bucket : buckets) {
      store.createContainer(bucket);
      for (String key : objects) {
        store.putBlob(
            PutObjectRequest.builder().bucket(bucket).key(key).contentLength(5L).build(),
            new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
      }
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .ignoreUnknownHeaders(true)
            .stopTimeout(100)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    return proxy;
  }

  /**
   * Holds every credential exchange from now on: {@code arrived} counts down as one arrives, and
   * the answer waits for {@code release} (a registry that is slow to answer).
   */
  void holdCredentials(CountDownLatch arrived, CountDownLatch release) {
    this.arrived = arrived;
    this.release = release;
  }

  private void credentials(HttpExchange exchange) throws IOException {
    traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
    arrived.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while held", e);
    }
    String expiration = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    answer(
        exchange,
        "{\"AccessKeyId\":\""
            + accessKey
            + "\",\"SecretAccessKey\":\""
            + secretKey
            + "\",\"SessionToken\":\""
            + sessionToken
            + "\",\"Expiration\":\""
            + expiration
            + "\"}");
  }

  /** Serves another registry path. */
  void serve(String path, HttpHandler handler) {
    registry.createContext(path, handler);
  }

  /** Answers 200 with a JSON body. */
  static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * The environment of a web server on an ephemeral port that exchanges tokens here and reaches S3
   * here (a mutable copy: tests add their own variables).
   */
  Map<String, String> serverEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    env.put("QUILT_REGISTRY_URL", registryUrl());
    env.put("MCP_PORT", "0");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_S3", s3Url());
    return env;
  }

  /** {@code QUILT_REGISTRY_URL}. */
  String registryUrl() {
    return "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  /** {@code AWS_ENDPOINT_URL_S3}, or a refused port when there is no S3. */
  String s3Url() {
    return "http://127.0.0.1:" + (s3proxy == null ? 9 : s3proxy.getPort());
  }

  /** The {@code traceparent} of every exchange, in order ({@code "null"} for none). */
  List<String> traceparents() {
    return List.copyOf(traceparents);
  }

  @Override
  public void close() throws Exception {
    registry.stop(0);
    if (s3proxy != null) {
      try {
        s3proxy.stop();
      } catch (java.util.concurrent.TimeoutException e) {
        // idle keep-alive connections outlived the short graceful period
      }
    }
  }
}
