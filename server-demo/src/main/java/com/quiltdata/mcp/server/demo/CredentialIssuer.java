package com.quiltdata.mcp.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Quilt registry's credential exchange: {@code GET
 * /api/auth/get_credentials} with {@code Authorization: Bearer <token>}. A token that the demo
 * secret verifies (signature, expiry, issuer and audience, by {@link JwtVerifier}) gets the
 * embedded S3 server's key pair as temporary credentials: {@code AccessKeyId}, {@code
 * SecretAccessKey}, a fresh random {@code SessionToken} and an {@code Expiration} one credential
 * lifetime ahead. Anything else is answered like the registry answers it: 401 with a JSON {@code
 * message} for a missing, malformed, invalid or expired token, 405 for another method, 404 for
 * another path. Tokens and credentials never reach a log line or an error body.
 */
final class CredentialIssuer implements AutoCloseable {
  /** The registry's exchange path. */
  static final String PATH = "/api/auth/get_credentials";

  /** The address the issuer binds: loopback only. */
  static final String HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(CredentialIssuer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 4;
  private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final HttpServer server;
  private final ExecutorService executor;
  private final JwtVerifier verifier;
  private final S3Keys keys;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private CredentialIssuer(
      HttpServer server,
      ExecutorService executor,
      JwtVerifier verifier,
      S3Keys keys,
      Duration lifetime,
      Clock clock,
      SecureRandom random) {
    this.server = server;
    this.executor = executor;
    this.verifier = verifier;
    this.keys = keys;
    this.lifetime = lifetime;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @param port the port; 0 picks a free one
   * @param verifier checks bearer tokens (the demo secret, issuer and audience)
   * @param keys the credentials to issue
   * @param lifetime how far ahead {@code Expiration} lies (more than the MCP server's 5 min margin)
   * @throws DemoStartException when the port cannot be bound
   */
  static CredentialIssuer start(
      int port,
      JwtVerifier verifier,
      S3Keys keys,
      Duration lifetime,
      Clock clock,
      SecureRandom random) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (lifetime.compareTo(Duration.ofMinutes(10)) < 0) {
      throw new IllegalArgumentException("lifetime must be at least 10 minutes");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 16);
    } catch (BindException e) {
      throw new DemoStartException(
          DemoStartException.EXIT_START_FAILURE,
          "the credential issuer cannot listen on "
              + HOST
              + ":"
              + port
              + " (the port is in use); choose another with --registry-port, or 0 for any free"
              + " port");
    } catch (IOException e) {
      throw new DemoStartException(
          DemoStartException.EXIT_START_FAILURE,
          "the credential issuer did not start (" + e.getClass().getSimpleName() + ")");
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "demo-issuer-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    CredentialIssuer issuer =
        new CredentialIssuer(server, executor, verifier, keys, lifetime, clock, random);
    server.createContext("/", issuer::handle);
    server.setExecutor(executor);
    server.start();
    return issuer;
  }

  /** {@code http://127.0.0.1:port}: the value of {@code QUILT_REGISTRY_URL}. */
  URI url() {
    return URI.create("http://" + HOST + ":" + server.getAddress().getPort());
  }

  /** Credentials issued so far. */
  int issued() {
    return issued.get();
  }

  /** Requests refused so far (any status but 200). */
  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        refuse(exchange, 404, "not found: the credential exchange is GET " + PATH);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        refuse(exchange, 405, "method not allowed: use GET");
        return;
      }
      List<String> headers = exchange.getRequestHeaders().get("Authorization");
      String header = headers == null || headers.size() != 1 ? null : headers.get(0);
      if (header == null
          || header.length() <= 7
          || !header.regionMatches(true, 0, "Bearer ", 0, 7)
          || header.indexOf(' ', 7) >= 0) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        refuse(exchange, 401, "a bearer token is required (Authorization: Bearer <token>)");
        return;
      }
      try {
        verifier.verify(header.substring(7));
      } catch (JwtVerificationException e) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        refuse(
            exchange,
            401,
            "invalid or outdated token ("
                + e.reason().name().toLowerCase(Locale.ROOT)
                + "); get a new one by restarting the demo");
        return;
      }
      issue(exchange);
    }
  }

  private void issue(HttpExchange exchange) throws IOException {
    byte[] session = new byte[32];
    random.nextBytes(session);
    Instant expiration = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    ObjectNode body = JSON.createObjectNode();
    body.put("AccessKeyId", keys.accessKeyId());
    body.put("SecretAccessKey", keys.secretAccessKey());
    body.put("SessionToken", Base64.getUrlEncoder().withoutPadding().encodeToString(session));
    body.put("Expiration", EXPIRATION.format(expiration.atOffset(ZoneOffset.UTC)));
    int n = issued.incrementAndGet();
    LOG.info("issuing demo S3 credentials (#{}) valid until {}", n, expiration);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, JSON.writeValueAsBytes(body));
  }

  private void refuse(HttpExchange exchange, int status, String message) throws IOException {
    refused.incrementAndGet();
    LOG.info("refused a credential request with {}", status);
    ObjectNode body = JSON.createObjectNode().put("message", message);
    send(exchange, status, JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops listening at once and ends the worker threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "CredentialIssuer[" + url() + ", lifetime=" + lifetime + "]";
  }
}
