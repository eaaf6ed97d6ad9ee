package com.quiltdata.mcp.standins.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's {@code GET /api/auth/get_credentials} on loopback: a bearer token that the given
 * verifier accepts gets {@code {AccessKeyId, SecretAccessKey, SessionToken, Expiration}} with the
 * configured key pair, a fresh session token and an expiry one hour ahead; anything else gets 401
 * with a JSON {@code message}, as from the registry. Point {@code QUILT_REGISTRY_URL} at {@link
 * #url()}. Tokens and keys never reach a message.
 *
 * <pre>{@code
 * try (CredentialsStandIn registry = CredentialsStandIn.start(verifier, "AKIDUSER", "secret");
 *     AthenaStandIn athena = AthenaStandIn.builder().credentials("AKIDUSER", "secret").start()) {
 *   // the MCP server exchanges the caller's token at the registry, then signs with AKIDUSER
 * }
 * }</pre>
 */
public final class CredentialsStandIn implements AutoCloseable {
  /** The exchange path. */
  public static final String PATH = "/api/auth/get_credentials";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final HttpServer server;
  private final ExecutorService executor;
  private final JwtVerifier verifier;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final AtomicInteger issued = new AtomicInteger();

  private CredentialsStandIn(JwtVerifier verifier, String accessKeyId, String secretAccessKey)
      throws IOException {
    this.verifier = verifier;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "credentials-stand-in");
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** Starts listening on a free loopback port. */
  public static CredentialsStandIn start(
      JwtVerifier verifier, String accessKeyId, String secretAccessKey) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    try {
      return new CredentialsStandIn(verifier, accessKeyId, secretAccessKey);
    } catch (IOException e) {
      throw new IllegalStateException("the credentials stand-in could not listen", e);
    }
  }

  /** {@code QUILT_REGISTRY_URL}: {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many credentials were handed out. */
  public int issued() {
    return issued.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      List<String> auth = exchange.getRequestHeaders().get("Authorization");
      String header = auth == null || auth.size() != 1 ? "" : auth.get(0);
      if (!exchange.getRequestMethod().equals("GET") || !header.startsWith("Bearer ")) {
        send(exchange, 401, Map.of("message", "GET with Authorization: Bearer <token> only"));
        return;
      }
      try {
        verifier.verify(header.substring(7));
      } catch (JwtVerificationException e) {
        send(exchange, 401, Map.of("message", "Token invalid: " + e.reason()));
        return;
      }
      Map<String, String> body = new LinkedHashMap<>();
      body.put("AccessKeyId", accessKeyId);
      body.put("SecretAccessKey", secretAccessKey);
      body.put("SessionToken", "STAND-IN-SESSION-" + UUID.randomUUID());
      body.put(
          "Expiration", Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS).toString());
      issued.incrementAndGet();
      send(exchange, 200, body);
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "CredentialsStandIn[" + url() + ", accessKeyId=" + accessKeyId + "]";
  }
}
