package com.quiltdata.mcp.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A local AWS SSM endpoint speaking the AWS JSON 1.1 protocol for {@code AmazonSSM.GetParameter}
 * and {@code AmazonSSM.GetParameterHistory} (dispatch on {@code X-Amz-Target}), holding the
 * versions of one parameter. Binds 127.0.0.1 only.
 */
public final class SsmStub implements AutoCloseable {
  /** One stored version. */
  public record Version(long number, String value, Instant modified, String type) {
    @Override
    public String toString() {
      return "Version[" + number + "]";
    }
  }

  /** One request the stub received (the body never holds a secret: requests carry names). */
  public record Received(String target, String body) {
    /** Whether the request asked for decryption. */
    public boolean withDecryption() {
      return body.matches("(?s).*\"WithDecryption\"\\s*:\\s*true.*");
    }
  }

  private static final Pattern NAME = Pattern.compile("\"Name\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern NEXT = Pattern.compile("\"NextToken\"\\s*:\\s*\"([0-9]+)\"");

  private final HttpServer server;
  private final String parameterName;
  private final List<Version> versions = new ArrayList<>();
  private final List<Received> received = new ArrayList<>();
  private volatile String failWith;
  private volatile String failHistoryWith;
  private volatile int historyPageSize = 50;

  private SsmStub(String parameterName) throws IOException {
    this.parameterName = parameterName;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stub serving parameter {@code name} (no versions yet). */
  public static SsmStub start(String name) throws IOException {
    return new SsmStub(name);
  }

  /** A loopback URI on which nothing listens. */
  public static URI closedEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  /** A real SDK client for {@code endpoint}: region us-east-1, fixed fake credentials. */
  public static SsmClient clientFor(URI endpoint) {
    return SsmClientFactory.create(
        Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "fake")),
        endpoint);
  }

  /** A real SDK client for this stub. */
  public SsmClient client() {
    return clientFor(endpoint());
  }

  /** The stub's endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stores a new SecureString version written at {@code modified}. */
  public synchronized void put(String value, Instant modified) {
    put(value, modified, "SecureString");
  }

  /** Stores a new version of the given type. */
  public synchronized void put(String value, Instant modified, String type) {
    versions.add(new Version(versions.size() + 1L, value, modified, type));
  }

  /** Answers every later request with this AWS error code (HTTP 400), or normally when null. */
  public void failWith(String errorCode) {
    this.failWith = errorCode;
  }

  /** Answers GetParameterHistory with this AWS error code, or normally when null. */
  public void failHistoryWith(String errorCode) {
    this.failHistoryWith = errorCode;
  }

  /** Sets how many history entries one page holds. */
  public void historyPageSize(int size) {
    this.historyPageSize = size;
  }

  /** Requests received so far. */
  public synchronized List<Received> received() {
    return new ArrayList<>(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        received.add(new Received(target, body));
      }
      Matcher name = NAME.matcher(body);
      if (failWith != null) {
        error(exchange, failWith);
      } else if (!name.find() || !name.group(1).equals(parameterName)) {
        error(exchange, "ParameterNotFound");
      } else if ("AmazonSSM.GetParameter".equals(target)) {
        getParameter(exchange);
      } else if ("AmazonSSM.GetParameterHistory".equals(target)) {
        if (failHistoryWith != null) {
          error(exchange, failHistoryWith);
        } else {
          history(exchange, body);
        }
      } else {
        error(exchange, "UnknownOperationException");
      }
    }
  }

  private void getParameter(HttpExchange exchange) throws IOException {
    Version latest;
    synchronized (this) {
      if (versions.isEmpty()) {
        error(exchange, "ParameterNotFound");
        return;
      }
      latest = versions.get(versions.size() - 1);
    }
    send(exchange, 200, "{\"Parameter\":" + json(latest) + "}");
  }

  private void history(HttpExchange exchange, String body) throws IOException {
    Matcher next = NEXT.matcher(body);
    int from = next.find() ? Integer.parseInt(next.group(1)) : 0;
    StringBuilder out = new StringBuilder("{\"Parameters\":[");
    int to;
    synchronized (this) {
      to = Math.min(versions.size(), from + historyPageSize);
      for (int i = from; i < to; i++) {
        out.append(i > from ? "," : "").append(json(versions.get(i)));
      }
      out.append("]");
      if (to < versions.size()) {
        out.append(",\"NextToken\":\"").append(to).append("\"");
      }
    }
    send(exchange, 200, out.append("}").toString());
  }

  private String json(Version v) {
    return "{\"Name\":\""
        + parameterName
        + "\",\"Type\":\""
        + v.type()
        + "\",\"Value\":\""
        + escape(v.value())
        + "\",\"Version\":"
        + v.number()
        + ",\"LastModifiedDate\":"
        + v.modified().getEpochSecond()
        + ",\"DataType\":\"text\"}";
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void error(HttpExchange exchange, String code) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", code);
    send(exchange, 400, "{\"__type\":\"" + code + "\",\"message\":\"stubbed " + code + "\"}");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops answering (later connections are refused). */
  public void stop() {
    server.stop(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
