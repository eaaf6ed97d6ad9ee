package com.quiltdata.mcp.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP Quilt registry on 127.0.0.1: {@code GET /api/auth/get_credentials} answers the
 * accepted token with credentials (whose secret parts are canaries) and anything else with 401, or
 * always with a forced status. The JDK server stamps its own {@code Date} header (the real time),
 * so clock-skew tests move the CLI's clock instead.
 */
public final class RegistryStub implements AutoCloseable {
  /** The access key id the stub issues; the CLI may show only its last four characters. */
  public static final String ACCESS_KEY_ID = "ASIAEXAMPLEKEY7Q3Z";

  /** The secret access key the stub issues (a canary). */
  public static final String SECRET_ACCESS_KEY = Canaries.strongSecret();

  /** The session token the stub issues (a canary). */
  public static final String SESSION_TOKEN = Canaries.strongSecret();

  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile String acceptedToken;
  private volatile int forcedStatus;
  private volatile String forcedLocation;
  private volatile Duration lifetime = Duration.ofHours(1);

  private RegistryStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stub accepting no token yet. */
  public static RegistryStub start() throws IOException {
    return new RegistryStub();
  }

  /** A loopback URL on which nothing listens. */
  public static String closedUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  /** The registry's base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Issues credentials for exactly this token. */
  public RegistryStub accept(String token) {
    this.acceptedToken = token;
    return this;
  }

  /** Answers every request with {@code status} (0: normal behaviour). */
  public RegistryStub force(int status) {
    this.forcedStatus = status;
    return this;
  }

  /** Answers every request with a redirect to {@code location}. */
  public RegistryStub redirect(String location) {
    this.forcedStatus = 302;
    this.forcedLocation = location;
    return this;
  }

  /** Sets the lifetime of issued credentials. */
  public RegistryStub lifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  /** The Authorization headers received (null when absent). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "(none)" : auth);
      if (!exchange.getRequestURI().getPath().equals("/api/auth/get_credentials")) {
        send(exchange, 404, "{\"message\":\"not found\"}");
      } else if (forcedStatus == 302) {
        exchange.getResponseHeaders().add("Location", forcedLocation);
        send(exchange, 302, "");
      } else if (forcedStatus != 0) {
        send(exchange, forcedStatus, "{\"message\":\"stubbed failure " + forcedStatus + "\"}");
      } else if (auth == null) {
        send(exchange, 401, "{\"message\":\"Authorization required\"}");
      } else if (acceptedToken != null && auth.equals("Bearer " + acceptedToken)) {
        Instant expiration = Instant.now().plus(lifetime);
        send(
            exchange,
            200,
            "{\"AccessKeyId\":\""
                + ACCESS_KEY_ID
                + "\",\"SecretAccessKey\":\""
                + SECRET_ACCESS_KEY
                + "\",\"SessionToken\":\""
                + SESSION_TOKEN
                + "\",\"Expiration\":\""
                + expiration
                + "\"}");
      } else {
        send(exchange, 401, "{\"message\":\"Token invalid or expired\"}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The base URL as a URI. */
  public URI uri() {
    return URI.create(url());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
