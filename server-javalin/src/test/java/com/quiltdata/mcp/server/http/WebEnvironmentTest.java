package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.tools.aws.AwsService;
import com.quiltdata.mcp.tools.conformance.TestTools;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Environment variables to settings: defaults, aliases, validation, and no echoed values. */
class WebEnvironmentTest {
  private static final String CANARY = "Zq9-canary-value-that-must-not-be-echoed";

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_JWT_SECRET", ServerHarness.SECRET);
    env.put("QUILT_REGISTRY_URL", "https://registry.example.com");
    return env;
  }

  private static WebEnvironment.Settings read(Map<String, String> env) {
    return WebEnvironment.read(env);
  }

  private static String failure(String name, String value) {
    Map<String, String> env = minimal();
    env.put(name, value);
    RuntimeException e = assertThrows(RuntimeException.class, () -> read(env));
    assertTrue(
        e instanceof IllegalArgumentException || e instanceof AuthException,
        e.getClass().getName());
    if (value.length() >= 8) { // short numbers may legitimately appear in the allowed range
      assertFalse(e.getMessage().contains(value), "the value is never echoed: " + e.getMessage());
    }
    return e.getMessage();
  }

  @Test
  void minimal_usesTheDocumentedDefaults() {
    WebEnvironment.Settings s = read(minimal());
    HttpServerConfig http = s.http();
    assertEquals("127.0.0.1", http.host());
    assertEquals(8000, http.port());
    assertEquals(HttpServerConfig.DEFAULT_ALLOWED_ORIGINS, http.allowedOrigins());
    assertEquals(List.of(), http.allowedHosts());
    assertEquals(HttpServerConfig.DEFAULT_ANONYMOUS_METHODS, http.anonymousMethods());
    assertEquals(32768, http.maxHeaderBytes());
    assertEquals(1 << 20, http.maxBodyBytes());
    assertEquals(0, http.maxThreads(), "Javalin's own pool");
    assertEquals(Optional.empty(), http.publicUrl());
    assertEquals(List.of(URI.create("https://registry.example.com")), http.authorizationServers());
    assertEquals(Duration.ofHours(1), s.sessions().idleTimeout());
    assertEquals(Set.of(), s.tokens().issuers());
    assertEquals(Set.of(), s.tokens().audiences());
    assertEquals(TestTools.NONE, s.tools().testTools());
    assertEquals(WebEnvironment.LogFormat.TEXT, s.logFormat());
    assertEquals(Duration.ofSeconds(10), http.shutdownTimeout());
  }

  @Test
  void everyVariable_isApplied() {
    Map<String, String> env = minimal();
    env.put("MCP_HOST", "0.0.0.0");
    env.put("MCP_PORT", "9001");
    env.put("MCP_ALLOWED_ORIGINS", "https://catalog.example.com, http://localhost:*");
    env.put("MCP_ALLOWED_HOSTS", "mcp.example.com,internal");
    env.put("MCP_JWT_ISSUER", "https://catalog.example.com, quilt");
    env.put("MCP_JWT_AUDIENCE", "quilt-mcp");
    env.put("MCP_ANONYMOUS_METHODS", "initialize, ping");
    env.put("MCP_SESSION_IDLE_TIMEOUT", "PT15M");
    env.put("MCP_MAX_HEADER_BYTES", "40000");
    env.put("MCP_MAX_BODY_BYTES", "2048");
    env.put("MCP_MAX_THREADS", "16");
    env.put("QUILT_CATALOG_URL", "https://catalog.example.com");
    env.put("MCP_PUBLIC_URL", "https://mcp.example.com/mcp");
    env.put("MCP_TEST_TOOLS", "conformance");
    env.put("MCP_LOG_FORMAT", "JSON");
    WebEnvironment.Settings s = read(env);
    HttpServerConfig http = s.http();
    assertEquals("0.0.0.0", http.host());
    assertEquals(9001, http.port());
    assertEquals(
        List.of("https://catalog.example.com", "http://localhost:*"), http.allowedOrigins());
    assertEquals(List.of("mcp.example.com", "internal"), http.allowedHosts());
    assertEquals(Set.of("https://catalog.example.com", "quilt"), s.tokens().issuers());
    assertEquals(Set.of("quilt-mcp"), s.tokens().audiences());
    assertEquals(Set.of("initialize", "ping"), http.anonymousMethods());
    assertEquals(Duration.ofMinutes(15), s.sessions().idleTimeout());
    assertEquals(40000, http.maxHeaderBytes());
    assertEquals(2048, http.maxBodyBytes());
    assertEquals(16, http.maxThreads());
    assertEquals(List.of(URI.create("https://catalog.example.com")), http.authorizationServers());
    assertEquals(URI.create("https://registry.example.com"), s.registryUrl());
    assertEquals(Optional.of(URI.create("https://mcp.example.com/mcp")), http.publicUrl());
    assertEquals(TestTools.CONFORMANCE, s.tools().testTools());
    assertEquals(WebEnvironment.LogFormat.JSON, s.logFormat());
  }

  @Test
  void fastmcpAliases_areAccepted_butConflictsAreErrors() {
    Map<String, String> env = minimal();
    env.put("FASTMCP_HOST", "localhost");
    env.put("FASTMCP_PORT", "8123");
    assertEquals("localhost", read(env).http().host());
    assertEquals(8123, read(env).http().port());
    env.put("MCP_PORT", "8123");
    assertEquals(8123, read(env).http().port());
    env.put("MCP_PORT", "8124");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(env));
    assertTrue(e.getMessage().contains("MCP_PORT") && e.getMessage().contains("FASTMCP_PORT"));
    assertFalse(e.getMessage().contains("8124"));
  }

  @Test
  void emptyValues_countAsUnset() {
    Map<String, String> env = minimal();
    env.put("MCP_PORT", "");
    env.put("MCP_ALLOWED_ORIGINS", "");
    env.put("QUILT_CATALOG_URL", "");
    WebEnvironment.Settings s = read(env);
    assertEquals(8000, s.http().port());
    assertEquals(HttpServerConfig.DEFAULT_ALLOWED_ORIGINS, s.http().allowedOrigins());
  }

  @Test
  void anonymousMethods_noneMeansNone_andToolsAreRefused() {
    Map<String, String> env = minimal();
    env.put("MCP_ANONYMOUS_METHODS", "none");
    assertEquals(Set.of(), read(env).http().anonymousMethods());
    env.put("MCP_ANONYMOUS_METHODS", "server/discover");
    assertEquals(Set.of("server/discover"), read(env).http().anonymousMethods());
    assertTrue(failure("MCP_ANONYMOUS_METHODS", "initialize,tools/call").contains("MCP_ANONYMOUS"));
    failure("MCP_ANONYMOUS_METHODS", "tools/list");
  }

  @Test
  void metrics_areOffByDefault_andServedWhereThePortAndHostSay() {
    Map<String, String> env = minimal();
    assertFalse(read(env).metrics().enabled());
    env.put("MCP_METRICS_PORT", "9464");
    assertEquals(new MetricsSettings("127.0.0.1", 9464), read(env).metrics());
    env.put("MCP_METRICS_HOST", "0.0.0.0");
    assertEquals(new MetricsSettings("0.0.0.0", 9464), read(env).metrics());
    failure("MCP_METRICS_PORT", "70000");
    failure("MCP_METRICS_HOST", "bad host");
  }

  @Test
  void sessionBounds_areRead_andASubjectShareOverTheStoreFails() {
    Map<String, String> env = minimal();
    env.put("MCP_MAX_SESSIONS", "500");
    env.put("MCP_MAX_SESSIONS_PER_SUBJECT", "7");
    assertEquals(500, read(env).sessions().maxSessions());
    assertEquals(7, read(env).sessions().maxSessionsPerSubject());
    env.put("MCP_MAX_SESSIONS_PER_SUBJECT", "501");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(env));
    assertTrue(e.getMessage().contains("MCP_MAX_SESSIONS_PER_SUBJECT"), e.getMessage());
  }

  @Test
  void sessionIdleTimeout_acceptsSecondsOrIso8601_withinBounds() {
    Map<String, String> env = minimal();
    env.put("MCP_SESSION_IDLE_TIMEOUT", "900");
    assertEquals(Duration.ofSeconds(900), read(env).sessions().idleTimeout());
    env.put("MCP_SESSION_IDLE_TIMEOUT", "P2D");
    assertEquals(Duration.ofDays(2), read(env).sessions().idleTimeout());
    failure("MCP_SESSION_IDLE_TIMEOUT", "0");
    failure("MCP_SESSION_IDLE_TIMEOUT", "P8D");
    failure("MCP_SESSION_IDLE_TIMEOUT", "15 minutes " + CANARY);
  }

  @Test
  void sizes_enforceTheirRanges() {
    assertTrue(failure("MCP_MAX_HEADER_BYTES", "16384").contains("24576"));
    failure("MCP_MAX_HEADER_BYTES", CANARY);
    failure("MCP_MAX_BODY_BYTES", "10");
    failure("MCP_MAX_BODY_BYTES", "999999999999");
    assertTrue(failure("MCP_MAX_THREADS", "4").contains("between 8 and 2000"));
    failure("MCP_MAX_THREADS", "100000");
    failure("MCP_MAX_THREADS", CANARY);
  }

  @Test
  void registryUrl_isRequired_andMustBeHttp() {
    Map<String, String> env = minimal();
    env.remove("QUILT_REGISTRY_URL");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(env));
    assertTrue(e.getMessage().contains("QUILT_REGISTRY_URL"));
    failure("QUILT_REGISTRY_URL", "ftp://registry.example.com");
    failure("QUILT_REGISTRY_URL", "registry.example.com");
    failure("QUILT_REGISTRY_URL", "https://user:" + CANARY + "@registry.example.com");
    failure("QUILT_CATALOG_URL", "javascript:alert(1)");
    failure("MCP_PUBLIC_URL", "https://mcp.example.com/mcp?x=" + CANARY);
  }

  @Test
  void badValues_nameTheVariableWithoutEchoingIt() {
    assertTrue(failure("MCP_PORT", CANARY).contains("MCP_PORT"));
    assertTrue(failure("MCP_PORT", "70000").contains("MCP_PORT"));
    assertTrue(failure("MCP_HOST", "bad host " + CANARY).contains("MCP_HOST"));
    assertTrue(failure("MCP_ALLOWED_ORIGINS", CANARY).contains("MCP_ALLOWED_ORIGINS"));
    assertTrue(failure("MCP_TEST_TOOLS", CANARY).contains("MCP_TEST_TOOLS"));
    assertTrue(failure("MCP_LOG_FORMAT", CANARY).contains("MCP_LOG_FORMAT"));
  }

  @Test
  void secretProblems_comeFromAuthCore_withoutTheSecret() {
    Map<String, String> env = minimal();
    env.remove("MCP_JWT_SECRET");
    AuthException none = assertThrows(AuthException.class, () -> read(env));
    assertTrue(none.getMessage().contains("MCP_JWT_SECRET"));
    failure("MCP_JWT_SECRET", "short-" + CANARY.substring(0, 10));
  }

  @Test
  void toolSettings_readFromTheSameEnvironment() {
    Map<String, String> env = minimal();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
    env.put("MCP_S3_MAX_READ_BYTES", "65536");
    WebEnvironment.Settings s = read(env);
    assertEquals("eu-west-1", s.tools().aws().region());
    assertEquals(
        URI.create("http://127.0.0.1:9000"), s.tools().aws().endpoint(AwsService.S3).orElseThrow());
    assertEquals(65536, s.tools().s3().maxReadBytes());
    assertEquals("us-east-1", read(minimal()).tools().aws().region());
    assertTrue(failure("AWS_ENDPOINT_URL_S3", "ftp://" + CANARY).startsWith("AWS_ENDPOINT_URL_S3"));
    assertTrue(failure("AWS_REGION", CANARY).startsWith("AWS_REGION"));
  }
}
