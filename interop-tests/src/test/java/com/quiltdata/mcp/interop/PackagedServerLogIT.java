package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged HTTP server's own log set-up (no logback file on its class path): the text layout
 * with {@code key="value"} fields, and the queued access log written out in full when the process
 * is stopped with SIGTERM right after a burst of requests.
 */
class PackagedServerLogIT {
  private static final String LOG = "log-flush-server";
  private static final int REQUESTS = 40;
  private static final String ACCESS =
      "c.quiltdata.mcp.server.http.access - request http=\"POST\" path=\"/mcp\" status=\"200\"";

  @Test
  void accessLinesOfABurst_allReachStdout_whenStoppedAtOnce() throws Exception {
    TestTokens tokens = TestTokens.random();
    HttpServerProcess server = HttpServerProcess.start(tokens.secret(), LOG);
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String token = tokens.mint("log-check@example.com");
      HttpResponse<String> init =
          client.send(
              post(
                  server,
                  token,
                  null,
                  "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                      + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                      + "\"clientInfo\":{\"name\":\"log-check\",\"version\":\"1\"}}}"),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, init.statusCode(), init.body());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      HttpRequest request =
          post(server, token, session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
      for (int i = 0; i < REQUESTS; i++) {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
      }
    } finally {
      server.close();
    }
    List<String> lines = Files.readAllLines(ChildProcess.outFile(LOG), StandardCharsets.UTF_8);
    String why = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    long access =
        lines.stream().filter(l -> l.contains(ACCESS) && l.contains("rpc=\"tools/list\"")).count();
    assertEquals(REQUESTS, access, why);
    assertTrue(lines.stream().anyMatch(l -> l.contains("MCP server stopped")), why);
    // the layout is the server's own (ISO time, level, thread, logger), not logback's fallback
    assertTrue(
        lines.stream()
            .filter(l -> l.contains(ACCESS))
            .allMatch(
                l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO .*")),
        why);
  }

  private static HttpRequest post(
      HttpServerProcess server, String token, String session, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.mcpUrl()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2025-06-18")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(20));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return b.build();
  }
}
