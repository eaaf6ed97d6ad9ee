package com.quiltdata.mcp.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the soak sorts real HTTP answers (from a local server answering as told): only successes and
 * clean retryable errors pass; a 5xx without a JSON body or a non-retryable error is bad.
 */
class ResponseCheckTest {
  private HttpServer server;
  private volatile int status;
  private volatile String type;
  private volatile String body;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", type);
          exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
          if (b.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(b);
            }
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ResponseCheck.Verdict answer(int status, String type, String body, String what)
      throws Exception {
    this.status = status;
    this.type = type;
    this.body = body;
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return ResponseCheck.of(r, what);
  }

  @Test
  void aToolResult_isGood() throws Exception {
    ResponseCheck.Verdict v =
        answer(200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "call");
    assertEquals(ResponseCheck.Outcome.OK, v.outcome());
  }

  @Test
  void anEventStream_isReadToItsResponse() throws Exception {
    String sse =
        "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
            + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":true,"
            + "\"structuredContent\":{\"reason\":\"NETWORK\",\"retryable\":true}}}\n\n";
    ResponseCheck.Verdict v = answer(200, "text/event-stream", sse, "call");
    assertEquals(ResponseCheck.Outcome.RETRYABLE, v.outcome());
    assertEquals("tool NETWORK", v.detail());
  }

  @Test
  void aNonRetryableToolError_isBad() throws Exception {
    ResponseCheck.Verdict v =
        answer(
            200,
            "application/json",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":true,"
                + "\"structuredContent\":{\"reason\":\"INTERNAL_ERROR\",\"retryable\":false}}}",
            "call");
    assertEquals(ResponseCheck.Outcome.BAD, v.outcome());
  }

  @Test
  void a503WithAJsonRpcError_isRetryable() throws Exception {
    ResponseCheck.Verdict v =
        answer(
            503,
            "application/json",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"x\","
                + "\"data\":{\"reason\":\"session_store_unavailable\"}}}",
            "call");
    assertEquals(ResponseCheck.Outcome.RETRYABLE, v.outcome());
  }

  @Test
  void a5xxWithoutAJsonBody_isBad() throws Exception {
    assertEquals(
        ResponseCheck.Outcome.BAD,
        answer(502, "text/html", "<html>Bad Gateway</html>", "call").outcome());
    ResponseCheck.Verdict empty = answer(500, "text/plain", "", "call");
    assertEquals(ResponseCheck.Outcome.BAD, empty.outcome());
    assertEquals("500 without a JSON body", empty.detail());
  }

  @Test
  void aBodilessAnswer_isGoodOnlyForANotificationOrADelete() throws Exception {
    assertEquals(
        ResponseCheck.Outcome.OK, answer(202, "text/plain", "", "legacy initialized").outcome());
    assertEquals(ResponseCheck.Outcome.BAD, answer(200, "text/plain", "", "modern call").outcome());
  }

  @Test
  void aNotFoundJsonRpcError_isBad() throws Exception {
    ResponseCheck.Verdict v =
        answer(
            404,
            "application/json",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"x\","
                + "\"data\":{\"reason\":\"session_not_found\"}}}",
            "legacy call");
    assertEquals(ResponseCheck.Outcome.BAD, v.outcome());
  }
}
