package com.quiltdata.mcp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, every
 * server scenario, active and pending) against an MCP endpoint, and the assertions every such run
 * must meet. The CLI cannot send an Authorization header, so {@code auth-fetch.mjs} is preloaded to
 * add the test's bearer token to loopback requests. Scenarios a tools-only server cannot pass are
 * listed, with reasons, in {@code conformance-baseline.yml}; the run fails on any other failure and
 * on stale baseline entries. Used by {@link ConformanceSuiteIT} (one server) and {@link
 * ReplicasBehindFrontIT} (three replicas behind a round-robin front): the same baseline for both.
 */
final class ConformanceRun {
  private static final Duration TIMEOUT = Duration.ofSeconds(150);
  private static final String CLI = "node_modules/@modelcontextprotocol/conformance/dist/index.js";
  private static final String BASELINE = "conformance-baseline.yml";
  private static final Pattern RESULT_DIR =
      Pattern.compile("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z$");
  private static final Pattern BASELINE_ENTRY = Pattern.compile("^\\s*-\\s*([A-Za-z0-9_./-]+)");

  private ConformanceRun() {}

  /**
   * Runs every server scenario against {@code mcpUrl} and asserts the baseline holds.
   *
   * @param mcpUrl the MCP endpoint
   * @param token a bearer token the server accepts
   * @param label names the output: {@code <label>-results/}, {@code <label>-summary.txt}
   * @param serverLogs the server side's log tail, for failure messages
   * @return the summary (scenario counts and verdicts)
   */
  static String assertPassesBaseline(
      String mcpUrl, String token, String label, Supplier<String> serverLogs) throws IOException {
    Path nodeDir = InteropEnvironment.nodeDir();
    assertTrue(Files.isRegularFile(nodeDir.resolve(CLI)), "conformance CLI missing: " + CLI);
    Path results = InteropEnvironment.logDir().resolve(label + "-results");
    deleteRecursively(results);

    ChildProcess.Outcome outcome =
        NodeScripts.run(
            List.of(
                "--import",
                "./auth-fetch.mjs",
                CLI,
                "server",
                "--url",
                mcpUrl,
                "--suite",
                "all",
                "--expected-failures",
                BASELINE,
                "-o",
                results.toString()),
            Map.of("MCP_BEARER_TOKEN", token),
            TIMEOUT,
            label);

    Map<String, ScenarioResult> byScenario = readResults(results);
    List<String> baseline = baselineEntries(nodeDir.resolve(BASELINE));
    String summary = summary(byScenario, baseline, outcome.elapsed());
    Files.writeString(
        InteropEnvironment.logDir().resolve(label + "-summary.txt"),
        summary,
        StandardCharsets.UTF_8);
    System.out.println(summary);
    String why =
        summary + "\n" + outcome.describe() + "\n--- server log (tail) ---\n" + serverLogs.get();

    assertFalse(outcome.timedOut(), why);
    assertEquals(0, outcome.exitCode(), why);
    // Bearer injection and the test tool profile work: the basic tool scenarios really passed.
    assertTrue(passed(byScenario, "tools-list"), why);
    assertTrue(passed(byScenario, "tools-call-simple-text"), why);
    // A pending scenario (hence "--suite all"): $schema, $defs and $ref survive tools/list.
    assertTrue(passed(byScenario, "json-schema-2020-12"), why);
    // Streaming: progress and log notifications during a call, and logging/setLevel.
    assertTrue(passed(byScenario, "tools-call-with-progress"), why);
    assertTrue(passed(byScenario, "tools-call-with-logging"), why);
    assertTrue(passed(byScenario, "logging-set-level"), why);
    // Every baseline entry names a scenario that ran (a typo would silently exclude nothing).
    for (String entry : baseline) {
      assertTrue(
          byScenario.containsKey(entry),
          "baseline entry '" + entry + "' is not a scenario of this suite run\n" + why);
    }
    return summary;
  }

  /** Check counts of one scenario. */
  record ScenarioResult(int success, int failure, int warning, int info) {
    boolean passed() {
      return failure == 0 && warning == 0;
    }
  }

  private static boolean passed(Map<String, ScenarioResult> results, String scenario) {
    ScenarioResult r = results.get(scenario);
    return r != null && r.passed();
  }

  private static Map<String, ScenarioResult> readResults(Path results) throws IOException {
    Map<String, ScenarioResult> out = new TreeMap<>();
    if (!Files.isDirectory(results)) {
      return out;
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> dirs = Files.list(results)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Matcher m = RESULT_DIR.matcher(dir.getFileName().toString());
        Path checks = dir.resolve("checks.json");
        if (!m.matches() || !Files.isRegularFile(checks)) {
          continue;
        }
        int[] counts = new int[4];
        for (JsonNode check : json.readTree(checks.toFile())) {
          switch (check.path("status").asText()) {
            case "SUCCESS":
              counts[0]++;
              break;
            case "FAILURE":
              counts[1]++;
              break;
            case "WARNING":
              counts[2]++;
              break;
            default:
              counts[3]++;
          }
        }
        out.put(m.group(1), new ScenarioResult(counts[0], counts[1], counts[2], counts[3]));
      }
    }
    return out;
  }

  private static String summary(
      Map<String, ScenarioResult> results, List<String> baseline, Duration elapsed) {
    int passed = 0;
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, ScenarioResult> e : results.entrySet()) {
      ScenarioResult r = e.getValue();
      boolean expectedToFail = baseline.contains(e.getKey());
      String verdict;
      if (r.passed()) {
        passed++;
        verdict = expectedToFail ? "STALE (passes but is in the baseline)" : "pass";
      } else {
        verdict = expectedToFail ? "expected failure (baseline)" : "UNEXPECTED FAILURE";
      }
      lines.append(
          String.format(
              Locale.ROOT,
              "  %-32s %d success, %d failure, %d warning: %s%n",
              e.getKey(),
              r.success(),
              r.failure(),
              r.warning(),
              verdict));
    }
    return String.format(
        Locale.ROOT,
        "conformance: %d scenarios, %d passed, %d failed, %d baseline entries, %.1f s%n%s",
        results.size(),
        passed,
        results.size() - passed,
        baseline.size(),
        elapsed.toMillis() / 1000.0,
        lines);
  }

  private static List<String> baselineEntries(Path baseline) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String line : Files.readAllLines(baseline, StandardCharsets.UTF_8)) {
      Matcher m = BASELINE_ENTRY.matcher(line);
      if (m.find()) {
        entries.add(m.group(1));
      }
    }
    if (entries.isEmpty()) {
      fail("no entries read from " + baseline);
    }
    return entries;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
