package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The MCP client configurations the README shows ({@code docs/examples/*.json}, Claude Desktop and
 * VS Code, stdio and HTTP): each parses, names only launchers, jars and files that exist in the
 * repository after the README's build, sets only variables the stdio server documents, and appears
 * in the README verbatim. The stdio ones and the VS Code HTTP one are then loaded by a real MCP
 * client, the MCP Inspector's {@code --config} mode, with the placeholders filled in; the Claude
 * Desktop HTTP bridge ({@code mcp-remote}) is not installed here and only checked for its pin.
 */
class ClientConfigExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** How the examples write "the repository root": Claude Desktop needs an absolute path. */
  private static final List<String> ROOT_PLACEHOLDERS =
      List.of("/path/to/quilt-mcp/", "${workspaceFolder}/");

  private static final List<String> LAUNCHERS =
      List.of("server-stdio/bin/quilt-mcp-stdio", "server-javalin/bin/quilt-mcp-server");
  private static final String TOKEN_INPUT = "${input:quilt-token}";
  private static final String SUBJECT = "client-config@example.com";

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files =
        Files.list(InteropEnvironment.repositoryRoot().resolve("docs/examples"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode servers(JsonNode config) {
    return config.has("mcpServers") ? config.path("mcpServers") : config.path("servers");
  }

  /** The repository path a value names through a placeholder, or null for other values. */
  private static Path repositoryPath(String value) {
    for (String placeholder : ROOT_PLACEHOLDERS) {
      if (value.startsWith(placeholder)) {
        return InteropEnvironment.repositoryRoot().resolve(value.substring(placeholder.length()));
      }
    }
    return null;
  }

  @Test
  void everyExample_parses_andNamesOnlyLaunchersAndFilesThatExist() throws IOException {
    List<Path> examples = examples();
    List<String> names = examples.stream().map(p -> p.getFileName().toString()).toList();
    for (String expected :
        List.of(
            "claude-desktop-http.json",
            "claude-desktop-stdio.json",
            "vscode-mcp-http.json",
            "vscode-mcp-stdio.json")) {
      assertTrue(names.contains(expected), "docs/examples lacks " + expected + ": " + names);
    }
    String stdioVariables =
        Files.readString(InteropEnvironment.repositoryRoot().resolve("server-stdio/README.md"));
    for (Path example : examples) {
      JsonNode config = JSON.readTree(example.toFile());
      JsonNode servers = servers(config);
      assertTrue(servers.isObject() && servers.size() > 0, example + " names no server");
      for (JsonNode server : servers) {
        String where = example.getFileName() + ": " + server;
        if (server.has("url")) {
          assertTrue(server.path("url").asText().endsWith("/mcp"), where);
          assertTrue(
              server.path("headers").path("Authorization").asText().startsWith("Bearer "), where);
          continue;
        }
        String command = server.path("command").asText();
        List<String> args = new ArrayList<>();
        server.path("args").forEach(a -> args.add(a.asText()));
        if (command.equals("npx")) {
          assertTrue(
              args.size() > 1
                  && args.get(0).equals("-y")
                  && args.get(1).matches(".+@\\d+\\.\\d+\\.\\d+"),
              "npx must run a pinned package: " + where);
        } else {
          Path launcher = repositoryPath(command);
          assertTrue(launcher != null, "the command is not a repository launcher: " + where);
          Path relative = InteropEnvironment.repositoryRoot().relativize(launcher);
          assertTrue(LAUNCHERS.contains(relative.toString()), where);
          assertTrue(Files.isExecutable(launcher), launcher + " is not executable: " + where);
          server
              .path("env")
              .fieldNames()
              .forEachRemaining(
                  v ->
                      assertTrue(
                          stdioVariables.contains("`" + v + "`"),
                          v + " is not a variable server-stdio/README.md documents: " + where));
        }
        for (String arg : args) {
          Path named = repositoryPath(arg);
          assertTrue(named == null || Files.exists(named), named + " does not exist: " + where);
        }
      }
    }
  }

  @Test
  void readme_showsEveryExample_verbatim() throws IOException {
    String readme = Files.readString(InteropEnvironment.repositoryRoot().resolve("README.md"));
    for (Path example : examples()) {
      String name = "docs/examples/" + example.getFileName();
      assertTrue(readme.contains("(" + name + ")"), "the README does not link " + name);
      assertTrue(
          readme.contains("```json\n" + Files.readString(example).strip() + "\n```"),
          "the README does not show " + name + " as it is");
    }
  }

  @Test
  void stdioExamples_loadedByTheInspector_startTheServerWithTheirEnvironment() throws IOException {
    for (String example : List.of("claude-desktop-stdio.json", "vscode-mcp-stdio.json")) {
      ObjectNode servers = resolvedServers(example, Map.of());
      String name = servers.fieldNames().next();
      ChildProcess.Outcome outcome =
          inspectorAuthStatus(servers, name, example.replace(".json", ""));
      assertEquals(0, outcome.exitCode(), outcome::describe);
      JsonNode structured = PastedCommands.json(outcome.stdout()).path("structuredContent");
      // the examples set QUILT_DESKTOP_BUCKETS=my-bucket: the desktop user gets that bucket
      assertEquals(
          List.of("my-bucket"), NodeScripts.strings(structured.path("buckets")), outcome::describe);
    }
  }

  @Test
  void vscodeHttpExample_loadedByTheInspector_sendsTheTokenHeader() throws Exception {
    TestTokens tokens = TestTokens.random();
    try (HttpServerProcess server = HttpServerProcess.start(tokens.secret(), "config-http")) {
      ObjectNode servers =
          resolvedServers(
              "vscode-mcp-http.json",
              Map.of(
                  "http://127.0.0.1:8000/mcp", server.mcpUrl(), TOKEN_INPUT, tokens.mint(SUBJECT)));
      ChildProcess.Outcome outcome = inspectorAuthStatus(servers, "quilt-http", "vscode-http");
      assertEquals(0, outcome.exitCode(), () -> outcome.describe() + server.logTail());
      JsonNode structured = PastedCommands.json(outcome.stdout()).path("structuredContent");
      assertEquals(SUBJECT, structured.path("subject").asText(), outcome::describe);
    }
  }

  /**
   * An example's servers with the repository placeholders (and {@code more}) replaced, as an object
   * the Inspector's config file takes under {@code mcpServers}.
   */
  private static ObjectNode resolvedServers(String example, Map<String, String> more)
      throws IOException {
    Path file = InteropEnvironment.repositoryRoot().resolve("docs/examples").resolve(example);
    String text = Files.readString(file);
    String root = InteropEnvironment.repositoryRoot().toString();
    for (String placeholder : ROOT_PLACEHOLDERS) {
      text = text.replace(placeholder, root + "/");
    }
    for (Map.Entry<String, String> e : more.entrySet()) {
      assertTrue(text.contains(e.getKey()), example + " lacks " + e.getKey());
      text = text.replace(e.getKey(), e.getValue());
    }
    JsonNode servers = servers(JSON.readTree(text));
    assertFalse(servers.isMissingNode(), example);
    return (ObjectNode) servers;
  }

  private static ChildProcess.Outcome inspectorAuthStatus(
      ObjectNode servers, String name, String logName) throws IOException {
    ObjectNode config = JSON.createObjectNode();
    config.set("mcpServers", servers);
    // holds a test token for the HTTP case: next to the other logs, never on a command line
    Path file = InteropEnvironment.logDir().resolve("inspector-" + logName + ".json");
    JSON.writeValue(file.toFile(), config);
    return NodeScripts.run(
        List.of(
            "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js",
            "--cli",
            "--config",
            file.toString(),
            "--server",
            name,
            "--method",
            "tools/call",
            "--tool-name",
            "auth_status"),
        Map.of("JAVA_HOME", System.getProperty("java.home")),
        TIMEOUT,
        "inspector-" + logName);
  }
}
