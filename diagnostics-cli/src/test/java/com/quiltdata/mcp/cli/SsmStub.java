package com.quiltdata.mcp.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS SSM endpoint speaking AWS JSON 1.1 ({@code X-Amz-Target: AmazonSSM.GetParameter} and
 * {@code AmazonSSM.GetParameterHistory}) for one parameter, so the CLI's {@code --ssm-parameter}
 * runs through the real AWS SDK client and auth-core's SSM source. Binds 127.0.0.1 only.
 */
public final class SsmStub implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("\"Name\"\\s*:\\s*\"([^\"]*)\"");

  private record Version(long number, String value, Instant modified) {}

  private final HttpServer server;
  private final String parameter;
  private final List<Version> versions = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private volatile String failWith;

  private SsmStub(String parameter) throws IOException {
    this.parameter = parameter;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stub holding parameter {@code name} (no versions yet). */
  public static SsmStub start(String name) throws IOException {
    return new SsmStub(name);
  }

  /** The endpoint to pass as --ssm-endpoint. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores a new SecureString version. */
  public synchronized SsmStub put(String value, Instant modified) {
    versions.add(new Version(versions.size() + 1L, value, modified));
    return this;
  }

  /** Answers every request with this AWS error code (HTTP 400). */
  public SsmStub failWith(String code) {
    this.failWith = code;
    return this;
  }

  /** The X-Amz-Target of every request received. */
  public synchronized List<String> targets() {
    return List.copyOf(targets);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        targets.add(target);
      }
      Matcher name = NAME.matcher(body);
      if (failWith != null) {
        error(exchange, failWith);
      } else if (!name.find() || !name.group(1).equals(parameter) || versions.isEmpty()) {
        error(exchange, "ParameterNotFound");
      } else if ("AmazonSSM.GetParameter".equals(target)) {
        send(exchange, 200, "{\"Parameter\":" + json(versions.get(versions.size() - 1)) + "}");
      } else if ("AmazonSSM.GetParameterHistory".equals(target)) {
        StringBuilder out = new StringBuilder("{\"Parameters\":[");
        synchronized (this) {
          for (int i = 0; i < versions.size(); i++) {
            out.append(i > 0 ? "," : "").append(json(versions.get(i)));
          }
        }
        send(exchange, 200, out.append("]}").toString());
      } else {
        error(exchange, "UnknownOperationException");
      }
    }
  }

  private String json(Version v) {
    return "{\"Name\":\""
        + parameter
        + "\",\"Type\":\"SecureString\",\"Value\":\""
        + v.value()
        + "\",\"Version\":"
        + v.number()
        + ",\"LastModifiedDate\":"
        + v.modified().getEpochSecond()
        + ",\"DataType\":\"text\"}";
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

  /** Stops answering. */
  @Override
  public void close() {
    server.stop(0);
  }
}
