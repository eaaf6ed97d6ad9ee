package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.ToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop() lets a running tool call finish and answers it, and then refuses new connections. */
class GracefulShutdownTest {
  @Test
  void stop_finishesInFlightCall_thenRefusesConnections() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ObjectNode schema = ServerHarness.JSON.createObjectNode().put("type", "object");
    schema.putObject("properties");
    Tool slow =
        Tool.of(
            ToolDefinition.builder("slow")
                .description("waits for the test")
                .inputSchema(schema)
                .requirements(ToolRequirements.open("slow"))
                .build(),
            (args, ctx) -> {
              entered.countDown();
              release.await(10, TimeUnit.SECONDS);
              return ToolResult.text("finished");
            });
    ServerHarness h = new ServerHarness(b -> {}, List.of(slow));
    String token = h.token("alice");
    String session = h.session(token);
    CompletableFuture<HttpResponse<String>> inFlight =
        h.client.sendAsync(
            h.post("/mcp", Messages.call(4, "slow", "{}"))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(entered.await(10, TimeUnit.SECONDS));

    int port = h.server.port();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(h.server::stop);
    assertTrue(connectionsRefused(port), "the connector closes at once");
    assertFalse(stopping.isDone(), "stop waits for the in-flight call");

    release.countDown();
    HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("finished"));
    stopping.get(10, TimeUnit.SECONDS);
  }

  /** Polls (bounded) until a new connection to the port is refused. */
  private static boolean connectionsRefused(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }
}
