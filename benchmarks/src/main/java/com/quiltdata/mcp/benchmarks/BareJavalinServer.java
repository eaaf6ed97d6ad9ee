package com.quiltdata.mcp.benchmarks;

import io.javalin.Javalin;

/**
 * The load baseline: a bare Javalin endpoint on the same JVM and Jetty as the MCP server, answering
 * every {@code POST /mcp} with a constant JSON-RPC result. Usage: {@code BareJavalinServer PORT}.
 */
public final class BareJavalinServer {
  private static final String ANSWER =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}";

  private BareJavalinServer() {}

  /** Starts the server on 127.0.0.1 and the given port until killed. */
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String answer = ANSWER;
    if (args.length > 1) {
      try {
        answer = java.nio.file.Files.readString(java.nio.file.Path.of(args[1]));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    String body = answer;
    Javalin.create(
            config ->
                config.routes.post("/mcp", ctx -> ctx.contentType("application/json").result(body)))
        .start("127.0.0.1", port);
  }
}
