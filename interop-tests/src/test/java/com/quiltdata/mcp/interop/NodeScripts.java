package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs scripts of the npm project ({@code interop-tests/node}) with the Node 22 binary. */
final class NodeScripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeScripts() {}

  /** The JSON object a script printed as its last line of output. */
  static JsonNode lastJsonLine(ChildProcess.Outcome outcome) {
    try {
      JsonNode node = JSON.readTree(outcome.lastStdoutLine());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    return fail("the script did not end with a JSON object line:\n" + outcome.describe());
  }

  /** The text values of a JSON array. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Runs {@code node <arguments>} in the npm project directory.
   *
   * @param env variables for the script (secrets go here, never into arguments)
   * @param timeout the process is killed after this long
   * @param logName base name of the output files
   */
  static ChildProcess.Outcome run(
      List<String> arguments, Map<String, String> env, Duration timeout, String logName)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(InteropEnvironment.node22().toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(InteropEnvironment.nodeDir().toFile());
    return ChildProcess.run(builder, env, timeout, logName);
  }
}
