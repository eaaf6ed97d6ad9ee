package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DoctorCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KID = "frontend-enhanced";
  static final String PARAM = "/quilt/mcp-server/jwt-secret";

  @RegisterExtension final Canaries canaries = new Canaries();
  private RegistryStub registry;

  @BeforeEach
  void start() throws Exception {
    registry = RegistryStub.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** A healthy web-mode environment. */
  private Map<String, String> healthy() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", Canaries.SECRET);
    env.put("MCP_JWT_KID", KID);
    env.put("MCP_JWT_ISSUER", "quilt-frontend");
    env.put("MCP_JWT_AUDIENCE", "quilt-mcp-server");
    env.put("QUILT_REGISTRY_URL", registry.url());
    return env;
  }

  private JsonNode doctor(Map<String, String> env, Clock clock, int expectedExit) throws Exception {
    CliRun.Result r = CliRun.with(canaries).env(env).clock(clock).run("doctor", "--json");
    assertEquals(expectedExit, r.exit(), r::toString);
    return JSON.readTree(r.out());
  }

  private JsonNode doctor(Map<String, String> env, int expectedExit) throws Exception {
    return doctor(env, Clock.systemUTC(), expectedExit);
  }

  private static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.get("checks")) {
      if (c.get("check").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + report);
  }

  private static String status(JsonNode report, String name) {
    return check(report, name).get("status").asText();
  }

  @Test
  void healthyEnvironment_allOk_fingerprintAsEverywhere() throws Exception {
    JsonNode report = doctor(healthy(), 0);
    for (JsonNode c : report.get("checks")) {
      assertEquals("OK", c.get("status").asText(), c::toString);
    }
    assertEquals("OK", report.get("status").asText());
    String expected = SigningKey.ofUtf8(KID, Canaries.SECRET).fingerprint();
    assertEquals(expected, report.get("fingerprint").asText());
    CliRun.Result fp = CliRun.with(canaries).env(healthy()).run("fingerprint", "--server-env");
    assertEquals(expected, fp.out().lines().findFirst().orElseThrow());
    assertTrue(check(report, "registry").get("detail").asText().contains("HTTP 401"));
    assertEquals(registry.authorizations(), java.util.List.of("(none)"), "probe sends no token");
  }

  @Test
  void differentSecret_differentFingerprint() throws Exception {
    Map<String, String> env = healthy();
    env.put("MCP_JWT_SECRET", Canaries.strongSecret());
    JsonNode report = doctor(env, 0);
    assertNotEquals(
        SigningKey.ofUtf8(KID, Canaries.SECRET).fingerprint(), report.get("fingerprint").asText());
  }

  @Test
  void text_oneLinePerCheckAndSummary() {
    CliRun.Result r = CliRun.with(canaries).env(healthy()).run("doctor");
    assertEquals(0, r.exit(), r::toString);
    String[] lines = r.out().split("\n");
    assertEquals(10, lines.length, r::toString);
    assertTrue(
        lines[0].startsWith("OK    secret-config    env source MCP_JWT_SECRET"), r::toString);
    assertTrue(lines[9].startsWith("summary: 9 OK -> exit 0 (OK)"), r::toString);
  }

  @Test
  void noSecret_failConfig_dependentChecksSkipped() throws Exception {
    Map<String, String> env = healthy();
    env.remove("MCP_JWT_SECRET");
    JsonNode report = doctor(env, ExitCode.CONFIG_ERROR.code());
    assertEquals("FAIL", status(report, "secret-config"));
    assertTrue(check(report, "secret-config").get("detail").asText().contains("MCP_JWT_SECRET"));
    assertEquals("SKIP", status(report, "secret-strength"));
    assertEquals("SKIP", status(report, "key-fingerprint"));
    assertTrue(report.get("fingerprint").isNull());
    assertEquals("OK", status(report, "registry"), "independent checks still run");
  }

  @Test
  void shortSecret_failNamingTheLength() throws Exception {
    Map<String, String> env = healthy();
    env.put("MCP_JWT_SECRET", "CANARY-SECRET-short");
    JsonNode report = doctor(env, ExitCode.CONFIG_ERROR.code());
    assertTrue(check(report, "secret-config").get("detail").asText().contains("19 bytes"));
  }

  @Test
  void conflictingAliases_failNamingBothVariables() throws Exception {
    Map<String, String> env = healthy();
    env.put("MCP_ENHANCED_JWT_SECRET", Canaries.strongSecret());
    JsonNode report = doctor(env, ExitCode.CONFIG_ERROR.code());
    String detail = check(report, "secret-config").get("detail").asText();
    assertTrue(detail.contains("MCP_JWT_SECRET") && detail.contains("MCP_ENHANCED_JWT_SECRET"));
  }

  @Test
  void weakSecret_warnOnly() throws Exception {
    Map<String, String> env = healthy();
    String weak = Canaries.MARKER + "abababababababababababababababab";
    Canaries.forbid(weak);
    env.put("MCP_JWT_SECRET", weak);
    JsonNode report = doctor(env, 0);
    assertEquals("WARN", status(report, "secret-strength"));
    assertEquals("WARN", report.get("status").asText());
  }

  @Test
  void issuerAndAudienceUnset_warn_exitZero() throws Exception {
    Map<String, String> env = healthy();
    env.remove("MCP_JWT_ISSUER");
    env.remove("MCP_JWT_AUDIENCE");
    JsonNode report = doctor(env, 0);
    assertEquals("WARN", status(report, "issuer"));
    assertEquals("WARN", status(report, "audience"));
    assertTrue(check(report, "issuer").get("hint").asText().contains("quilt-frontend"));
  }

  @Test
  void issuerAndAudienceSwapped_failConfig() throws Exception {
    Map<String, String> env = healthy();
    env.put("MCP_JWT_ISSUER", "quilt-mcp-server");
    env.put("MCP_JWT_AUDIENCE", "quilt-frontend");
    JsonNode report = doctor(env, ExitCode.CONFIG_ERROR.code());
    assertEquals("FAIL", status(report, "issuer"));
    assertTrue(check(report, "issuer").get("detail").asText().contains("swapped"));
    assertEquals("FAIL", status(report, "audience"));
  }

  @Test
  void customAudience_warnsThatStockCatalogTokensFail() throws Exception {
    Map<String, String> env = healthy();
    env.put("MCP_JWT_AUDIENCE", "mcp-prod, mcp-staging");
    JsonNode report = doctor(env, 0);
    assertEquals("WARN", status(report, "audience"));
    assertTrue(check(report, "audience").get("detail").asText().contains("mcp-prod,mcp-staging"));
  }

  @Test
  void registryMissing_failConfig() throws Exception {
    Map<String, String> env = healthy();
    env.remove("QUILT_REGISTRY_URL");
    JsonNode report = doctor(env, ExitCode.CONFIG_ERROR.code());
    assertEquals("FAIL", status(report, "registry-url"));
    assertEquals("SKIP", status(report, "registry"));
  }

  @Test
  void registryIsTheCatalog_404_failConfig() throws Exception {
    registry.force(404);
    JsonNode report = doctor(healthy(), ExitCode.CONFIG_ERROR.code());
    assertTrue(check(report, "registry").get("hint").asText().contains("catalog"));
  }

  @Test
  void registryRedirects_failConfigNamingTarget() throws Exception {
    registry.redirect("https://login.example.com/sso");
    JsonNode report = doctor(healthy(), ExitCode.CONFIG_ERROR.code());
    assertTrue(check(report, "registry").get("detail").asText().contains("login.example.com"));
  }

  @Test
  void registryDown_failUnreachable_skewSkipped() throws Exception {
    Map<String, String> env = healthy();
    env.put("QUILT_REGISTRY_URL", RegistryStub.closedUrl());
    JsonNode report = doctor(env, ExitCode.UNREACHABLE.code());
    assertEquals("FAIL", status(report, "registry"));
    assertEquals("SKIP", status(report, "clock-skew"));
  }

  @Test
  void registryFailing5xx_failUnreachable() throws Exception {
    registry.force(503);
    JsonNode report = doctor(healthy(), ExitCode.UNREACHABLE.code());
    assertEquals("FAIL", status(report, "registry"));
    assertEquals("OK", status(report, "clock-skew"), "a 503 still carries a Date header");
  }

  @Test
  void clockFiveMinutesAhead_failConfig() throws Exception {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
    JsonNode report = doctor(healthy(), ahead, ExitCode.CONFIG_ERROR.code());
    JsonNode skew = check(report, "clock-skew");
    assertEquals("FAIL", skew.get("status").asText());
    assertTrue(skew.get("detail").asText().contains("this host is ahead of the registry by"));
    assertTrue(skew.get("hint").asText().contains("NTP"));
  }

  @Test
  void clockTwentySecondsBehind_warn() throws Exception {
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-20));
    JsonNode report = doctor(healthy(), behind, 0);
    JsonNode skew = check(report, "clock-skew");
    assertEquals("WARN", skew.get("status").asText(), skew::toString);
    assertTrue(skew.get("detail").asText().contains("behind the registry by"));
  }

  @Test
  void configAndUnreachableTogether_configWins() throws Exception {
    Map<String, String> env = healthy();
    env.remove("MCP_JWT_SECRET");
    env.put("QUILT_REGISTRY_URL", RegistryStub.closedUrl());
    doctor(env, ExitCode.CONFIG_ERROR.code());
  }

  @Test
  void ssmSource_reachableAndReadLikeTheServer() throws Exception {
    try (SsmStub ssm = SsmStub.start(PARAM)) {
      ssm.put(Canaries.SECRET, Instant.now().minus(Duration.ofDays(2)));
      Map<String, String> env = ssmEnvironment();
      CliRun.Result r =
          CliRun.with(canaries).env(env).run("doctor", "--ssm-endpoint", ssm.endpoint(), "--json");
      assertEquals(0, r.exit(), r::toString);
      JsonNode report = JSON.readTree(r.out());
      assertEquals("OK", status(report, "ssm"));
      assertTrue(check(report, "ssm").get("detail").asText().contains("SSM reachable"));
      assertEquals(
          SigningKey.ofUtf8(KID, Canaries.SECRET).fingerprint(),
          report.get("fingerprint").asText());
    }
  }

  @Test
  void ssmUnreachable_failUnreachable() throws Exception {
    try (SsmStub ssm = SsmStub.start(PARAM)) {
      ssm.failWith("InternalServerError");
      CliRun.Result r =
          CliRun.with(canaries)
              .env(ssmEnvironment())
              .run("doctor", "--ssm-endpoint", ssm.endpoint(), "--json");
      assertEquals(ExitCode.UNREACHABLE.code(), r.exit(), r::toString);
      JsonNode report = JSON.readTree(r.out());
      assertEquals("FAIL", status(report, "ssm"));
    }
  }

  private Map<String, String> ssmEnvironment() {
    Map<String, String> env = healthy();
    env.remove("MCP_JWT_SECRET");
    env.put("MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER", PARAM);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST");
    env.put("AWS_SECRET_ACCESS_KEY", Canaries.strongSecret());
    return env;
  }
}
