package com.quiltdata.mcp.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The training run behind the start-up archive ({@code bin/quilt-mcp-server
 * --write-startup-archive}, docs/performance.md): starts the real web server on an ephemeral
 * loopback port, sends the requests a fresh replica sees first ({@code /healthz}, {@code
 * initialize}, an unauthenticated {@code tools/list}), stops it and exits, so that the JVM's {@code
 * -XX:ArchiveClassesAtExit} records the classes start-up and those requests load.
 *
 * <p>Nothing here reads the process environment: the signing secret is random and lives only in
 * this process, the registry URL points at a closed loopback port that is never contacted (no tool
 * is called), and nothing is served beyond 127.0.0.1. Exit status 0 when every answer had its
 * expected status, 1 otherwise (the archive is then still written, but the build says so).
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** Runs the training; see the class comment. */
  public static void main(String[] args) {
    System.exit(run());
  }

  static int run() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env =
        Map.of(
            "MCP_JWT_SECRET", HexFormat.of().formatHex(secret),
            "QUILT_REGISTRY_URL", "http://127.0.0.1:9",
            "MCP_HOST", "127.0.0.1",
            "MCP_PORT", "0");
    QuiltMcpHttpServer server;
    try {
      server = QuiltMcpHttpServer.start(env, System.err);
    } catch (QuiltMcpHttpServer.StartException e) {
      return 1;
    }
    try {
      boolean ok = true;
      for (Probe probe : PROBES) {
        int status =
            HealthProbe.send(InetAddress.getLoopbackAddress(), server.port(), probe.request());
        if (status != probe.expected()) {
          System.err.println(
              "startup training: "
                  + probe.name()
                  + " answered "
                  + status
                  + ", not "
                  + probe.expected());
          ok = false;
        }
      }
      return ok ? 0 : 1;
    } catch (IOException e) {
      System.err.println("startup training: request failed: " + e.getClass().getSimpleName());
      return 1;
    } finally {
      server.close();
    }
  }

  /** One request of the training and the status it must get. */
  private record Probe(String name, String request, int expected) {}

  private static final List<Probe> PROBES =
      List.of(
          new Probe("GET /healthz", get("/healthz"), 200),
          new Probe(
              "initialize",
              post(
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                      + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                      + "\"clientInfo\":{\"name\":\"startup-training\",\"version\":\"1\"}}}"),
              200),
          new Probe(
              "tools/list without a token",
              post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"),
              401));

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }

  private static String post(String body) {
    return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }
}
