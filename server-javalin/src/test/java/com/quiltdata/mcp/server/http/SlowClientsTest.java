package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 2: slow request bodies must not pin worker threads. The attack: many sockets
 * declaring a large body and then sending one byte every few seconds, against a small platform
 * pool. Bodies are now received without a thread ({@link BodyIntake}), bounded in time and in
 * bytes, and connections are bounded per peer address ({@link ConnectionsPerAddress}).
 */
class SlowClientsTest {
  private static final int POOL = 24;
  private final List<Socket> sockets = new ArrayList<>();
  private ServerHarness h;
  private ScheduledExecutorService dripper;

  @AfterEach
  void stop() throws IOException {
    if (dripper != null) {
      dripper.shutdownNow();
    }
    for (Socket s : sockets) {
      s.close();
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  void hundredSlowBodies_doNotStopANormalClientOrHealth() throws Exception {
    // the body deadline is far beyond the test: only receiving bodies without threads can pass
    h = server(new TrafficLimits(Duration.ofSeconds(120), 64L << 20, 512, 20));
    String token = h.token("alice", "quilt-demos");
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Socket s = open();
      send(s, head(100_000, token) + "{");
      slow.add(s);
    }
    dripper = Executors.newSingleThreadScheduledExecutor();
    dripper.scheduleAtFixedRate(
        () -> {
          for (Socket s : slow) {
            try {
              send(s, " ");
            } catch (IOException e) {
              // a socket the server closed: nothing more to drip
            }
          }
        },
        1,
        1,
        TimeUnit.SECONDS);

    // 100 bodies in progress against a pool of 24 threads; a normal client still gets through
    String session = h.session(token);
    var call =
        h.send(
            h.post("/mcp", Messages.call(2, "auth_status", "{}"))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-06-18"));
    assertEquals(200, call.statusCode(), call.body());
    assertFalse(ServerHarness.json(call).path("result").path("isError").asBoolean());
    var health = h.send(h.request("/health").GET());
    assertEquals(200, health.statusCode(), health.body());
    for (Socket s : slow) {
      assertFalse(s.isClosed());
    }
  }

  @Test
  void aBodyOverTheDeadline_isAnswered408AndTheConnectionClosed() throws Exception {
    h = server(new TrafficLimits(Duration.ofSeconds(1), 64L << 20, 512, 20));
    Socket s = open();
    send(s, head(1_000, null) + "{\"jsonrpc\":");
    String answer = readAll(s, Duration.ofSeconds(20));
    assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
    assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    JsonNode body = ServerHarness.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertEquals("body_timeout", body.path("error").path("data").path("reason").asText(), answer);
  }

  @Test
  void bodiesOverTheSharedBuffer_areRefusedRetryably_andTheBudgetIsGivenBack() throws Exception {
    h = server(new TrafficLimits(Duration.ofSeconds(60), 1L << 20, 512, 20));
    String token = h.token("alice", "quilt-demos");
    char[] filler = new char[700_000];
    Arrays.fill(filler, ' ');
    Socket first = open();
    send(first, head(900_000, token) + new String(filler));
    Socket second = open();
    send(second, head(900_000, token) + new String(filler));
    // whichever body goes over the shared budget is refused; the other waits for its bytes
    String answer = firstAnswer(List.of(first, second), Duration.ofSeconds(30));
    assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
    assertTrue(answer.contains("Retry-After: 1"), answer);
    assertTrue(answer.contains("server_busy"), answer);
    first.close();
    second.close();
    // the counted bytes are given back: a normal request is received again
    String session = h.session(token);
    assertFalse(session.isEmpty());
  }

  @Test
  void connectionsOverThePerAddressLimit_areClosedAtOnce() throws Exception {
    h = server(new TrafficLimits(Duration.ofSeconds(10), 64L << 20, 5, 20));
    for (int i = 0; i < 6; i++) {
      open();
    }
    // connections are admitted in the order the server sees them open: exactly one is closed
    List<Socket> closed = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (closed.isEmpty() && System.nanoTime() < deadline) {
      for (Socket s : sockets) {
        if (closedByServer(s)) {
          closed.add(s);
        }
      }
    }
    assertEquals(1, closed.size(), "one of six connections is closed unanswered");
    for (Socket s : sockets) {
      if (s != closed.get(0)) {
        assertFalse(closedByServer(s), "the other five stay open");
      }
    }
    sockets.remove(closed.get(0));
    sockets.get(0).close();
    // a slot is free again once the server has seen the close (bounded wait)
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int status = 0;
    while (status != 200 && System.nanoTime() < until) {
      try {
        status = h.send(h.request("/healthz").GET()).statusCode();
      } catch (IllegalStateException e) {
        Thread.sleep(50);
      }
    }
    assertEquals(200, status);
  }

  /** The first complete answer any of the sockets receives within {@code wait}, or "". */
  private static String firstAnswer(List<Socket> from, Duration wait) throws IOException {
    List<ByteArrayOutputStream> got = new ArrayList<>();
    for (int i = 0; i < from.size(); i++) {
      got.add(new ByteArrayOutputStream());
    }
    byte[] buffer = new byte[4096];
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < from.size(); i++) {
        Socket s = from.get(i);
        s.setSoTimeout(100);
        try {
          int n = s.getInputStream().read(buffer);
          if (n > 0) {
            got.get(i).write(buffer, 0, n);
          }
          if (n < 0 && got.get(i).size() > 0) {
            return got.get(i).toString(StandardCharsets.UTF_8);
          }
        } catch (SocketTimeoutException e) {
          // nothing yet on this one
        } catch (java.net.SocketException e) {
          if (got.get(i).size() > 0) {
            return got.get(i).toString(StandardCharsets.UTF_8);
          }
        }
        String text = got.get(i).toString(StandardCharsets.UTF_8);
        int head = text.indexOf("\r\n\r\n");
        if (head > 0 && text.endsWith("}")) {
          return text;
        }
      }
    }
    return "";
  }

  /** Whether the server closed the socket (end of stream within a short wait). */
  private static boolean closedByServer(Socket s) throws IOException {
    s.setSoTimeout(200);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  private ServerHarness server(TrafficLimits traffic) {
    return new ServerHarness(
        c -> c.useVirtualThreads(false).maxThreads(POOL).traffic(traffic), List.of());
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", h.server.port());
    sockets.add(s);
    return s;
  }

  private String head(int contentLength, String token) {
    return "POST /mcp HTTP/1.1\r\n"
        + "Host: 127.0.0.1:"
        + h.server.port()
        + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** What the server sent until it closed the connection or {@code wait} passed. */
  private static String readAll(Socket s, Duration wait) throws IOException {
    s.setSoTimeout((int) wait.toMillis());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        got.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // nothing more within the wait, or reset after the answer
    }
    return got.toString(StandardCharsets.UTF_8);
  }
}
