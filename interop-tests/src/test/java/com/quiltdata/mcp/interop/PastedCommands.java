package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell commands as a newcomer pastes them: taken from printed text (the demo banner, a README code
 * block), run one after another in one {@code bash}, each one's output kept apart. The shell gets
 * the Node 22 binary and the JDK first on its {@code PATH}, and npm set to work offline with an
 * empty cache of its own, so {@code npx} runs the pinned package from {@code interop-tests/node}
 * (or fails) and never fetches anything.
 */
final class PastedCommands {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_OUTPUT_BYTES = 8L * 1024 * 1024;
  private static final Pattern COMMAND_START = Pattern.compile("^ {3}\\S.*");
  private static final Pattern STEP_END =
      Pattern.compile("\\n?@@pasted-step (\\d+) exit (\\d+) session=(\\S*)@@\\n");

  /**
   * What one pasted command left behind.
   *
   * @param command the command as pasted (continuation lines included)
   * @param exitCode its exit status ({@code $?})
   * @param stdout what it wrote to standard output
   * @param session the value of {@code $SESSION} after it ran ("" when unset)
   */
  record Step(String command, int exitCode, String stdout, String session) {}

  private PastedCommands() {}

  /**
   * The commands in the demo banner: each line indented by exactly three spaces starts one, and a
   * line ending in a backslash continues onto the next, as in a shell.
   */
  static List<String> fromBanner(String banner) {
    List<String> commands = new ArrayList<>();
    String[] lines = banner.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (!COMMAND_START.matcher(lines[i]).matches()) {
        continue;
      }
      StringBuilder command = new StringBuilder(lines[i]);
      while (lines[i].endsWith("\\") && i + 1 < lines.length) {
        i++;
        command.append('\n').append(lines[i]);
      }
      commands.add(command.toString());
    }
    return commands;
  }

  /** The {@code sh} code blocks of a Markdown file that contain {@code marker}, verbatim. */
  static List<String> shellBlocks(Path markdown, String marker) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?ms)^```sh\\n(.*?)^```$").matcher(Files.readString(markdown));
    while (m.find()) {
      if (m.group(1).contains(marker)) {
        blocks.add(m.group(1).strip());
      }
    }
    return blocks;
  }

  /**
   * A working directory that looks like the repository root after the README's build (its {@code
   * server-stdio} module with the built jar) and holds the installed npm packages as {@code
   * node_modules}, where {@code npx} finds the pinned packages instead of fetching them.
   */
  static Path newcomerRoot() throws IOException {
    Path root = InteropEnvironment.logDir().resolveSibling("newcomer-root");
    Files.createDirectories(root);
    link(root.resolve("node_modules"), InteropEnvironment.nodeDir().resolve("node_modules"));
    link(root.resolve("server-stdio"), InteropEnvironment.repositoryRoot().resolve("server-stdio"));
    return root;
  }

  private static void link(Path link, Path target) throws IOException {
    if (Files.isSymbolicLink(link)) {
      Files.delete(link);
    }
    Files.createSymbolicLink(link, target);
  }

  /**
   * Runs the commands in one {@code bash} in {@code directory}, in order.
   *
   * @return one step per command, in order; fails the test when the shell ended early
   */
  static List<Step> run(List<String> commands, Path directory, Duration timeout, String logName)
      throws IOException {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < commands.size(); i++) {
      script.append(commands.get(i).strip()).append('\n');
      script
          .append("printf '\\n@@pasted-step %d exit %d session=%s@@\\n' ")
          .append(i)
          .append(" \"$?\" \"${SESSION:-}\"\n");
    }
    // The banner's commands carry the demo token, so the script is a file next to the demo's own
    // output (which prints the token too), not a command-line argument other users could see.
    Path file = InteropEnvironment.logDir().resolve(logName + ".sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", file.toString())).directory(directory.toFile());
    ChildProcess.Outcome outcome = ChildProcess.run(builder, shellEnvironment(), timeout, logName);
    // The Inspector's tools list alone outgrows the outcome's tail: read the whole, bounded file.
    Path out = ChildProcess.outFile(logName);
    if (Files.size(out) > MAX_OUTPUT_BYTES) {
      fail("the pasted commands printed more than " + MAX_OUTPUT_BYTES + " bytes: " + out);
    }
    return steps(commands, Files.readString(out, StandardCharsets.UTF_8), outcome);
  }

  private static Map<String, String> shellEnvironment() throws IOException {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    path = InteropEnvironment.javaLauncher().getParent() + ":" + path;
    Path node = InteropEnvironment.node22();
    if (node.getParent() != null) {
      path = node.toAbsolutePath().getParent() + ":" + path;
    }
    Path cache = InteropEnvironment.logDir().resolveSibling("newcomer-npm-cache");
    Files.createDirectories(cache);
    return Map.of(
        "PATH",
        path,
        "npm_config_offline",
        "true",
        "npm_config_cache",
        cache.toString(),
        "npm_config_update_notifier",
        "false");
  }

  private static List<Step> steps(
      List<String> commands, String stdout, ChildProcess.Outcome outcome) {
    List<Step> steps = new ArrayList<>();
    Matcher m = STEP_END.matcher(stdout);
    int from = 0;
    while (m.find()) {
      int index = Integer.parseInt(m.group(1));
      if (index != steps.size()) {
        fail("pasted commands ran out of order:\n" + outcome.describe());
      }
      steps.add(
          new Step(
              commands.get(index),
              Integer.parseInt(m.group(2)),
              stdout.substring(from, m.start()),
              m.group(3)));
      from = m.end();
    }
    if (steps.size() != commands.size()) {
      fail(
          "the shell ran "
              + steps.size()
              + " of "
              + commands.size()
              + " pasted commands:\n"
              + outcome.describe());
    }
    return steps;
  }

  /**
   * The JSON-RPC message in an MCP HTTP answer, whether sent as JSON or as a server-sent event
   * stream (the last {@code data:} line that parses as an object with an {@code id}).
   */
  static JsonNode jsonRpc(String body) {
    String text = body.strip();
    try {
      if (text.startsWith("{")) {
        return JSON.readTree(text);
      }
      JsonNode last = null;
      for (String line : text.split("\\R")) {
        if (line.startsWith("data:")) {
          JsonNode node = JSON.readTree(line.substring("data:".length()).strip());
          if (node != null && node.has("id")) {
            last = node;
          }
        }
      }
      if (last != null) {
        return last;
      }
    } catch (IOException e) {
      // reported below
    }
    return fail("not a JSON-RPC answer (JSON or event stream):\n" + body);
  }

  /** Parses a JSON document a command printed, failing the test with the text when it is not. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.strip());
    } catch (IOException e) {
      return fail("not JSON: " + e.getMessage() + "\n" + text);
    }
  }
}
