package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/Dockerfile}, read instruction by instruction (no Docker engine runs here): the
 * runtime stage runs the shipped launcher, so its JVM flags are the launcher's, writes the start-up
 * archive where the launcher looks for it, runs as a non-root user, listens on 8000 on every
 * interface and checks {@code /healthz} with the launcher's probe; its environment holds only
 * variables the server reads.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("../deploy/Dockerfile");
  private static final Path LAUNCHER = Path.of("bin/quilt-mcp-server");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One instruction: its keyword (upper case) and the rest, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  static List<Instruction> parse(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (current.length() > 0 && trimmed.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed.substring(0, trimmed.length() - 1).stripTrailing()).append(' ');
        continue;
      }
      current.append(trimmed);
      String joined = current.toString().strip();
      current.setLength(0);
      int space = joined.indexOf(' ');
      out.add(
          new Instruction(
              joined.substring(0, space).toUpperCase(Locale.ROOT),
              joined.substring(space + 1).strip()));
    }
    assertEquals(0, current.length(), "the Dockerfile ends inside a continued instruction");
    return out;
  }

  private static List<Instruction> instructions() throws IOException {
    return parse(Files.readString(DOCKERFILE, StandardCharsets.UTF_8));
  }

  /** The instructions after the last FROM. */
  private static List<Instruction> runtimeStage(List<Instruction> all) {
    int last = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    return all.subList(last, all.size());
  }

  private static List<String> execForm(String args) throws IOException {
    assertTrue(args.startsWith("["), "exec (JSON) form expected: " + args);
    return List.of(JSON.readValue(args, String[].class));
  }

  private static String only(List<Instruction> stage, String keyword) {
    List<String> found =
        stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    assertEquals(1, found.size(), "exactly one " + keyword + " in the runtime stage: " + found);
    return found.get(0);
  }

  /** The launcher's path in the image: where it is copied from server-javalin/bin. */
  private static String launcherInImage(List<Instruction> stage) {
    List<String> targets =
        stage.stream()
            .filter(i -> i.keyword().equals("COPY"))
            .map(i -> i.args().split("\\s+"))
            .filter(a -> a[a.length - 2].endsWith("/server-javalin/bin/quilt-mcp-server"))
            .map(a -> a[a.length - 1])
            .toList();
    assertEquals(1, targets.size(), "one COPY of the launcher: " + targets);
    return targets.get(0);
  }

  private static Map<String, String> env(List<Instruction> stage) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Instruction i : stage) {
      if (i.keyword().equals("ENV")) {
        for (String pair : i.args().split("\\s+")) {
          int eq = pair.indexOf('=');
          assertTrue(eq > 0, "ENV in NAME=value form: " + pair);
          env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return env;
  }

  @Test
  void parse_joinsContinuationsAndSkipsComments() {
    List<Instruction> parsed = parse("# c\nFROM a AS b\nRUN x \\\n  # inner\n    && y\n\nUSER 1\n");
    assertEquals(
        List.of(
            new Instruction("FROM", "a AS b"),
            new Instruction("RUN", "x && y"),
            new Instruction("USER", "1")),
        parsed);
  }

  @Test
  void stages_buildOnAJdk_runOnAJre() throws IOException {
    List<String> froms =
        instructions().stream()
            .filter(i -> i.keyword().equals("FROM"))
            .map(Instruction::args)
            .toList();
    assertEquals(2, froms.size(), froms::toString);
    assertTrue(
        froms.get(0).contains("-jdk") && froms.get(0).endsWith(" AS build"), froms::toString);
    assertTrue(froms.get(1).contains("-jre"), froms::toString);
    String build =
        instructions().stream()
            .filter(i -> i.keyword().equals("RUN") && i.args().contains("./mvnw"))
            .map(Instruction::args)
            .findFirst()
            .orElseThrow();
    assertTrue(build.contains("-pl server-javalin -am package"), build);
  }

  @Test
  void runtime_runsTheLauncher_soItsFlagsAreTheLaunchers() throws IOException {
    List<Instruction> stage = runtimeStage(instructions());
    String launcher = launcherInImage(stage);
    assertEquals(List.of(launcher), execForm(only(stage, "ENTRYPOINT")));
    assertFalse(stage.stream().anyMatch(i -> i.keyword().equals("CMD")), "no CMD arguments");
    Set<String> jvmOverrides =
        Set.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");
    assertTrue(
        env(stage).keySet().stream().noneMatch(jvmOverrides::contains),
        "the image must not change the launcher's JVM flags: " + env(stage));
    // the jar sits where the launcher looks for it in an image: ../lib next to bin/
    String jarInImage =
        Path.of(launcher).getParent().resolveSibling("lib/quilt-mcp-server.jar").toString();
    assertTrue(
        stage.stream()
            .anyMatch(
                i ->
                    i.keyword().equals("COPY")
                        && i.args().endsWith(" " + jarInImage)
                        && i.args().contains("/server-javalin/target/quilt-mcp-server.jar")),
        "the jar is copied to " + jarInImage);
    assertTrue(
        Files.readString(LAUNCHER).contains("\"$here/../lib/quilt-mcp-server.jar\""),
        "the launcher looks in ../lib");
  }

  @Test
  void runtime_writesTheStartupArchiveWithTheLauncher_beforeDroppingRoot() throws IOException {
    List<Instruction> stage = runtimeStage(instructions());
    String launcher = launcherInImage(stage);
    int archive = -1;
    int user = -1;
    for (int i = 0; i < stage.size(); i++) {
      Instruction in = stage.get(i);
      if (in.keyword().equals("RUN") && in.args().startsWith("[")) {
        if (execForm(in.args()).equals(List.of(launcher, "--write-startup-archive"))) {
          archive = i;
        }
      }
      if (in.keyword().equals("USER")) {
        user = i;
      }
    }
    assertTrue(archive > 0, "RUN [launcher, --write-startup-archive] in the runtime stage");
    assertTrue(user > archive, "the archive is written (as root, into /opt) before USER");
  }

  @Test
  void runtime_nonRootUser() throws IOException {
    String user = only(runtimeStage(instructions()), "USER");
    String name = user.split(":")[0];
    assertNotEquals("root", name);
    assertNotEquals("0", name);
  }

  @Test
  void runtime_listensOn8000OnEveryInterface_healthCheckIsTheLaunchersProbe() throws IOException {
    List<Instruction> stage = runtimeStage(instructions());
    assertEquals("8000", only(stage, "EXPOSE"));
    Map<String, String> env = env(stage);
    assertEquals("8000", env.get("MCP_PORT"));
    assertEquals("0.0.0.0", env.get("MCP_HOST"));
    String health = only(stage, "HEALTHCHECK");
    int cmd = health.indexOf("CMD ");
    assertTrue(cmd > 0, health);
    assertEquals(
        List.of(launcherInImage(stage), "--health-check"), execForm(health.substring(cmd + 4)));
    // the probe reads the same port and host settings as the server
    assertEquals(List.of(WebEnvironment.HOST, WebEnvironment.PORT), HealthProbe.VARIABLES);
  }

  @Test
  void runtime_environment_onlyVariablesTheServerReads_andValid() throws IOException {
    Map<String, String> env = env(runtimeStage(instructions()));
    Set<String> known =
        QuiltMcpHttpServer.VARIABLES.stream()
            .map(EnvironmentVariable::name)
            .collect(Collectors.toSet());
    for (String name : env.keySet()) {
      assertTrue(known.contains(name), name + " is not a variable the server reads");
    }
    Map<String, String> withRequired = new LinkedHashMap<>(env);
    withRequired.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    withRequired.put("QUILT_REGISTRY_URL", "https://registry.example.com");
    WebEnvironment.Settings settings = WebEnvironment.read(withRequired);
    assertEquals(8000, settings.http().port());
    assertEquals(WebEnvironment.LogFormat.JSON, settings.logFormat());
  }
}
