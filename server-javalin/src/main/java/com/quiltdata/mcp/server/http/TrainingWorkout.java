package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loaded part of the start-up training: the hot path a busy replica runs, repeated often enough
 * that the JDK 25 AOT cache records its method profiles (so the JIT compiles it sooner under the
 * first real load). Authenticated legacy and 2026-07-28-free calls with a catalog-sized token on a
 * kept-alive connection: {@code initialize}, then {@code tools/call auth_status}, {@code
 * tools/list} and {@code ping}, a fresh token every {@value #FRESH_TOKEN_EVERY} calls (the full
 * verification, not only the cached one). No tool that leaves the process is called.
 */
final class TrainingWorkout {
  /** Calls of the workout: a few seconds on a small machine. */
  static final int CALLS = 3000;

  static final int FRESH_TOKEN_EVERY = 10;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int MAX_LINE = 8192;

  private final int port;
  private final JwtMinter minter;
  private final List<String> buckets = new ArrayList<>();
  private InputStream in;
  private OutputStream out;

  /**
   * @param port the training server's loopback port
   * @param secret its signing secret (the training's own random one)
   */
  TrainingWorkout(int port, String secret) {
    this.port = port;
    this.minter = JwtMinter.create(SigningKey.ofUtf8(null, secret), Clock.systemUTC());
    for (int i = 0; i < 60; i++) {
      buckets.add("quilt-training-bucket-" + i);
    }
  }

  /**
   * Runs the workout on one kept-alive connection.
   *
   * @return whether every answer was a 200
   * @throws IOException when the connection fails or an answer cannot be read
   */
  boolean run() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      in = new BufferedInputStream(socket.getInputStream());
      out = new BufferedOutputStream(socket.getOutputStream());
      return calls();
    }
  }

  private boolean calls() throws IOException {
    String token = token(0);
    Answer init =
        post(
            token,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"startup-training\",\"version\":\"1\"}}}");
    String session = init.session();
    if (init.status() != 200 || session == null) {
      return false;
    }
    boolean ok = true;
    for (int i = 1; i <= CALLS; i++) {
      if (i % FRESH_TOKEN_EVERY == 0) {
        token = token(i);
      }
      String body;
      switch (i % 5) {
        case 3:
          body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/list\"}";
          break;
        case 4:
          body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}";
          break;
        default:
          body =
              "{\"jsonrpc\":\"2.0\",\"id\":"
                  + i
                  + ",\"method\":\"tools/call\",\"params\":{\"name\":\"auth_status\","
                  + "\"arguments\":{}}}";
      }
      ok &= post(token, session, body).status() == 200;
    }
    return ok;
  }

  private String token(int n) {
    return minter
        .enhanced("startup-training")
        .buckets(buckets)
        .permissions(List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket"))
        .roles(List.of("ReadWriteQuiltBucket"))
        .ttl(Duration.ofMinutes(10))
        // the same user, a new token: a unique id defeats the verified-token cache
        .claim("jti", "startup-training-" + n)
        .mint();
  }

  /** One answer: its status and session header. */
  private record Answer(int status, String session) {}

  private Answer post(String token, String session, String body) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .append("Content-Type: application/json\r\n")
            .append("Accept: application/json, text/event-stream\r\n")
            .append("MCP-Protocol-Version: 2025-06-18\r\n")
            .append("Authorization: Bearer ")
            .append(token)
            .append("\r\n");
    if (session != null) {
      head.append("Mcp-Session-Id: ").append(session).append("\r\n");
    }
    head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(content);
    out.flush();
    return read();
  }

  /** Reads one answer off the kept-alive connection (a Content-Length or chunked body). */
  private Answer read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    String sessionId = null;
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
      } else if (name.equals("mcp-session-id")) {
        sessionId = value;
      }
    }
    if (!chunked) {
      skip(length);
      return new Answer(code, sessionId);
    }
    for (long size = Long.parseLong(line(), 16); size > 0; size = Long.parseLong(line(), 16)) {
      skip(size);
      line();
    }
    line();
    return new Answer(code, sessionId);
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0 || line.length() > MAX_LINE) {
        throw new IOException("the training answer ended early or had an overlong line");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void skip(long bytes) throws IOException {
    in.skipNBytes(bytes);
  }
}
