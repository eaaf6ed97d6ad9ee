package com.quiltdata.mcp.server.stdio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The training run behind the stdio server's start-up archive ({@code bin/quilt-mcp-stdio
 * --write-startup-archive}, docs/performance.md): runs the real server as a desktop user without
 * buckets on the messages a client sends first ({@code initialize}, {@code
 * notifications/initialized}, {@code tools/list}), then end of input, so that the JVM's {@code
 * -XX:ArchiveClassesAtExit} records the classes they load. Nothing here reads the process
 * environment, and no tool is called (no AWS or registry traffic). Exit status 0 when the server
 * answered both requests, 1 otherwise.
 */
public final class StartupTraining {
  private static final String MESSAGES =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
          + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"startup-training\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

  private StartupTraining() {}

  /** Runs the training; see the class comment. */
  public static void main(String[] args) {
    System.exit(run());
  }

  static int run() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            Map.of(),
            "startup-training",
            new ByteArrayInputStream(MESSAGES.getBytes(StandardCharsets.UTF_8)),
            out,
            System.err);
    boolean ok = status == 0 && answered(out.toString(StandardCharsets.UTF_8), 2);
    if (!ok) {
      System.err.println(
          "startup training: the stdio server did not answer initialize and tools/list");
    }
    return ok ? 0 : 1;
  }

  /** True when the output holds a result for each request id 1..{@code requests}. */
  static boolean answered(String output, int requests) {
    ObjectMapper json = new ObjectMapper();
    Set<Integer> results = new HashSet<>();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode message = json.readTree(line);
        if (message.has("result") && message.path("id").isInt()) {
          results.add(message.get("id").asInt());
        }
      } catch (JsonProcessingException e) {
        return false;
      }
    }
    for (int id = 1; id <= requests; id++) {
      if (!results.contains(id)) {
        return false;
      }
    }
    return true;
  }
}
