package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/ecs-task-definition.json} against the server's own settings list ({@link
 * QuiltMcpHttpServer#VARIABLES}): every variable it sets, in {@code environment} or {@code
 * secrets}, is one the server reads; the required ones are there; the values are accepted by the
 * same reader the server starts with; the port, health check, stop timeout and logs fit the server
 * and the image.
 */
class EcsTaskDefinitionTest {
  private static final Path TASK_DEFINITION = Path.of("../deploy/ecs-task-definition.json");
  private static JsonNode container;

  @BeforeAll
  static void read() throws IOException {
    JsonNode task = new ObjectMapper().readTree(TASK_DEFINITION.toFile());
    assertEquals(1, task.path("containerDefinitions").size(), "one container");
    container = task.path("containerDefinitions").get(0);
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : container.path("environment")) {
      assertTrue(e.path("value").isTextual(), "environment values are strings: " + e);
      assertTrue(env.put(e.path("name").asText(), e.path("value").asText()) == null, "twice: " + e);
    }
    return env;
  }

  private static List<String> secretNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode s : container.path("secrets")) {
      names.add(s.path("name").asText());
    }
    return names;
  }

  @Test
  void everyVariableSet_isOneTheServerReads() {
    Set<String> known =
        QuiltMcpHttpServer.VARIABLES.stream()
            .flatMap(
                v ->
                    v.alias() == null
                        ? List.of(v.name()).stream()
                        : List.of(v.name(), v.alias()).stream())
            .collect(Collectors.toSet());
    List<String> set = new ArrayList<>(environment().keySet());
    set.addAll(secretNames());
    assertTrue(set.size() > 3, set::toString);
    for (String name : set) {
      assertTrue(known.contains(name), name + " is set by the task definition but never read");
    }
  }

  @Test
  void signingSecret_comesFromSsmThroughSecrets_neverAsAPlainValue() {
    assertEquals(List.of("MCP_JWT_SECRET"), secretNames());
    String from = container.path("secrets").get(0).path("valueFrom").asText();
    assertTrue(from.matches("arn:aws:ssm:[a-z0-9-]+:\\d{12}:parameter/.+"), from);
    Set<String> secretish =
        Set.of("MCP_JWT_SECRET", "MCP_JWT_PREVIOUS_SECRET", "MCP_SESSION_STORE_PASSWORD");
    assertTrue(
        environment().keySet().stream().noneMatch(secretish::contains), "secret in plain text");
  }

  @Test
  void requiredSettings_presentAndAcceptedByTheServersReader() {
    Map<String, String> env = environment();
    for (String required :
        List.of("MCP_HOST", "MCP_PORT", "QUILT_REGISTRY_URL", "QUILT_CATALOG_URL", "AWS_REGION")) {
      assertTrue(env.containsKey(required), required + " missing");
    }
    assertEquals("0.0.0.0", env.get("MCP_HOST"), "a task must listen beyond loopback");
    Map<String, String> withSecret = new LinkedHashMap<>(env);
    withSecret.put("MCP_JWT_SECRET", ServerHarness.SECRET); // what ECS injects from SSM
    WebEnvironment.Settings settings = WebEnvironment.read(withSecret);
    assertEquals(8000, settings.http().port());
    assertEquals(env.get("QUILT_REGISTRY_URL"), settings.registryUrl().toString());
  }

  @Test
  void port_healthCheck_stopTimeout_logs_fitTheServerAndImage() {
    JsonNode ports = container.path("portMappings");
    assertEquals(1, ports.size());
    assertEquals(8000, ports.get(0).path("containerPort").asInt());
    assertEquals(environment().get("MCP_PORT"), ports.get(0).path("containerPort").asText());

    List<String> check = new ArrayList<>();
    container.path("healthCheck").path("command").forEach(c -> check.add(c.asText()));
    assertEquals(List.of("CMD", "/opt/quilt-mcp/bin/quilt-mcp-server", "--health-check"), check);

    // SIGTERM, then the server drains in-flight requests for its shutdown timeout: the stop
    // timeout must cover that with room for the JVM to exit, within Fargate's 120 s maximum
    long drain = HttpServerConfig.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds();
    int stop = container.path("stopTimeout").asInt();
    assertTrue(stop >= drain + 10 && stop <= 120, "stopTimeout " + stop + " vs drain " + drain);

    JsonNode logs = container.path("logConfiguration");
    assertEquals("awslogs", logs.path("logDriver").asText());
    for (String option : List.of("awslogs-group", "awslogs-region", "awslogs-stream-prefix")) {
      assertTrue(logs.path("options").hasNonNull(option), option);
    }
    assertEquals("json", environment().get("MCP_LOG_FORMAT"));
  }
}
