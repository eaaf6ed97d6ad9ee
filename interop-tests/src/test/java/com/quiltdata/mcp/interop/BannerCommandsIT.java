package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shell command the demo banner prints, and the README's MCP Inspector command for the stdio
 * server, pasted into {@code bash} as printed and checked by what it answers: the Inspector lists
 * tools with {@code auth_status}, the first {@code curl} yields a session id, the tool call answers
 * the sample bucket's listing, the browse shows the sample package's {@code README.md}, the Athena
 * query returns five rows of {@code demo.readings}. A printed command that stops working fails
 * here.
 */
class BannerCommandsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String INSPECTOR = "@modelcontextprotocol/inspector";
  private static final Pattern UNPINNED_NPX =
      Pattern.compile("npx (-y )?" + Pattern.quote(INSPECTOR) + "(?!@\\d)");

  private static DemoProcess demo;
  private static List<String> commands;
  private static List<PastedCommands.Step> steps;
  private static String why;

  @BeforeAll
  static void startDemoAndPasteItsCommands() throws Exception {
    demo =
        DemoProcess.start(DemoIT.freshDirectory("banner-commands-data"), "banner-demo", Map.of());
    commands = PastedCommands.fromBanner(demo.stdout());
    steps = PastedCommands.run(commands, PastedCommands.newcomerRoot(), TIMEOUT, "banner-commands");
    why =
        "\n--- shell stderr (stdout: banner-commands.out.log in "
            + InteropEnvironment.logDir()
            + ") ---\n"
            + ChildProcess.readTail(ChildProcess.errFile("banner-commands"))
            + "\n--- demo stdout ---\n"
            + demo.stdout()
            + "\n--- demo stderr ---\n"
            + demo.stderr();
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  private static PastedCommands.Step step(String prefix) {
    List<PastedCommands.Step> found =
        steps.stream().filter(s -> s.command().strip().startsWith(prefix)).toList();
    assertEquals(1, found.size(), "banner commands starting with " + prefix + ": " + commands);
    return found.get(0);
  }

  @Test
  void banner_printsTheExportsTheInspectorAndThreeCurlCommands_inThatOrder() {
    List<String> starts = commands.stream().map(c -> c.strip().split("[ =]", 2)[0]).toList();
    assertEquals(
        List.of("export", "export", "npx", "SESSION", "curl", "curl", "curl"), starts, why);
    for (PastedCommands.Step s : steps) {
      assertEquals(0, s.exitCode(), s.command() + "\n" + s.stdout() + why);
    }
  }

  @Test
  void inspectorCommand_asPrinted_listsTheToolsWithThePinnedInspector() throws IOException {
    PastedCommands.Step inspector = step("npx ");
    assertTrue(
        inspector.command().contains("npx -y " + INSPECTOR + "@" + pinnedInspector() + " --cli"),
        "the banner does not run the Inspector version interop-tests/node installs: "
            + inspector.command());
    List<String> tools = new ArrayList<>();
    PastedCommands.json(inspector.stdout())
        .path("tools")
        .forEach(t -> tools.add(t.path("name").asText()));
    assertTrue(tools.contains("auth_status"), inspector.stdout() + why);
    assertTrue(tools.contains("bucket_objects_list"), inspector.stdout() + why);
  }

  @Test
  void curlInitialize_asPrinted_keepsASessionId() {
    assertFalse(step("SESSION=").session().isEmpty(), "no Mcp-Session-Id came back" + why);
  }

  @Test
  void curlToolCall_asPrinted_listsTheSampleBucket() {
    PastedCommands.Step call = steps.get(4);
    assertTrue(call.command().contains("bucket_objects_list"), call.command());
    JsonNode answer = PastedCommands.jsonRpc(call.stdout());
    assertEquals(2, answer.path("id").asInt(), call.stdout() + why);
    JsonNode result = answer.path("result");
    assertFalse(result.isMissingNode(), call.stdout() + why);
    assertFalse(result.path("isError").asBoolean(true), call.stdout() + why);
    assertTrue(result.toString().contains("data/readings.csv"), call.stdout() + why);
  }

  @Test
  void curlBrowse_asPrinted_showsTheSamplePackageReadme() {
    PastedCommands.Step browse = steps.get(5);
    assertTrue(browse.command().contains("package_browse"), browse.command());
    JsonNode result = PastedCommands.jsonRpc(browse.stdout()).path("result");
    assertFalse(result.path("isError").asBoolean(true), browse.stdout() + why);
    List<String> keys = new ArrayList<>();
    result
        .path("structuredContent")
        .path("entries")
        .forEach(e -> keys.add(e.path("logical_key").asText()));
    assertTrue(keys.contains("README.md"), browse.stdout() + why);
  }

  @Test
  void curlAthenaQuery_asPrinted_returnsFiveRowsOfTheSampleTable() {
    PastedCommands.Step query = steps.get(6);
    assertTrue(query.command().contains("athena_query_execute"), query.command());
    assertTrue(query.command().contains("SELECT * FROM demo.readings LIMIT 5"), query.command());
    JsonNode answer = PastedCommands.jsonRpc(query.stdout());
    assertEquals(4, answer.path("id").asInt(), query.stdout() + why);
    JsonNode result = answer.path("result");
    assertFalse(result.path("isError").asBoolean(true), query.stdout() + why);
    JsonNode rows = result.path("structuredContent").path("rows");
    assertEquals(5, rows.size(), query.stdout() + why);
    assertEquals("north-pier", rows.get(0).path("station").asText(), query.stdout());
  }

  @Test
  void readmeInspectorCommand_asPrinted_listsTheStdioServersTools() throws IOException {
    Path readme = InteropEnvironment.repositoryRoot().resolve("README.md");
    List<String> blocks = PastedCommands.shellBlocks(readme, INSPECTOR + "@");
    assertEquals(1, blocks.size(), "README sh blocks running the Inspector: " + blocks);
    PastedCommands.Step stdio =
        PastedCommands.run(blocks, PastedCommands.newcomerRoot(), TIMEOUT, "readme-inspector")
            .get(0);
    assertEquals(0, stdio.exitCode(), stdio.command() + "\n" + stdio.stdout());
    List<String> tools = new ArrayList<>();
    PastedCommands.json(stdio.stdout())
        .path("tools")
        .forEach(t -> tools.add(t.path("name").asText()));
    assertTrue(tools.contains("auth_status"), stdio.stdout());
  }

  @Test
  void everyPrintedInspectorCommand_inTheDocsAndTheBanner_namesAVersion() throws IOException {
    Path root = InteropEnvironment.repositoryRoot();
    List<Path> printed = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(printed::add);
    }
    List<String> unpinned = new ArrayList<>();
    for (Path file : printed) {
      Matcher m = UNPINNED_NPX.matcher(Files.readString(file));
      while (m.find()) {
        unpinned.add(root.relativize(file) + ": " + m.group());
      }
    }
    Matcher banner = UNPINNED_NPX.matcher(demo.stdout());
    while (banner.find()) {
      unpinned.add("the demo banner: " + banner.group());
    }
    assertEquals(List.of(), unpinned);
    assertFalse(UNPINNED_NPX.matcher("npx -y " + INSPECTOR + "@2.12.0 --cli").find());
    assertTrue(UNPINNED_NPX.matcher("npx " + INSPECTOR + " --cli").find());
  }

  private static String pinnedInspector() throws IOException {
    JsonNode pkg =
        new ObjectMapper().readTree(InteropEnvironment.nodeDir().resolve("package.json").toFile());
    String version = pkg.path("dependencies").path(INSPECTOR).asText();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), "pin an exact version: " + version);
    return version;
  }
}
