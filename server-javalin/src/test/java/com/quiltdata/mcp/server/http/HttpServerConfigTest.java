package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builder validation: every bad field is named, the defaults are safe. */
class HttpServerConfigTest {
  private static void rejects(String field, Runnable setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::run);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void defaults_areLoopbackLocalOriginsAndHandshakeOnly() {
    HttpServerConfig c = HttpServerConfig.builder().build();
    assertEquals("127.0.0.1", c.host());
    assertEquals(8000, c.port());
    assertEquals(32768, c.maxHeaderBytes());
    assertEquals(1 << 20, c.maxBodyBytes());
    assertEquals(
        java.util.Set.of("initialize", "notifications/initialized", "ping"), c.anonymousMethods());
    assertTrue(c.useVirtualThreads());
    assertEquals(0, c.maxThreads());
    assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
  }

  @Test
  void badValues_nameTheirField() {
    HttpServerConfig.Builder b = HttpServerConfig.builder();
    rejects("port", () -> b.port(-1));
    rejects("port", () -> b.port(65536));
    rejects("host", () -> b.host("two words"));
    rejects("maxHeaderBytes", () -> b.maxHeaderBytes(16383));
    rejects("maxBodyBytes", () -> b.maxBodyBytes(1023));
    rejects("maxThreads", () -> b.maxThreads(7));
    rejects("maxThreads", () -> b.maxThreads(2001));
    rejects("maxThreads", () -> b.maxThreads(-1));
    rejects("anonymousMethods", () -> b.anonymousMethods(List.of("tools/call")));
    rejects("anonymousMethods", () -> b.anonymousMethods(List.of("tools/list")));
    rejects("publicUrl", () -> b.publicUrl(URI.create("ftp://x.example/mcp")));
    rejects("publicUrl", () -> b.publicUrl(URI.create("/mcp")));
    rejects("authorizationServers", () -> b.authorizationServers(List.of(URI.create("x:y"))));
    rejects("allowed origins", () -> b.allowedOrigins(List.of("catalog.example.com")));
    rejects("shutdownTimeout", () -> b.shutdownTimeout(Duration.ofMinutes(6)));
  }

  @Test
  void allowedHosts_starMeansAny() {
    assertEquals(
        List.of(),
        HttpServerConfig.builder().allowedHosts(List.of("a.example", "*")).build().allowedHosts());
  }

  @Test
  void toString_listsSettings() {
    String s = HttpServerConfig.builder().build().toString();
    assertTrue(s.contains("maxHeaderBytes=32768"), s);
  }
}
