package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Origin patterns and the Host rules for loopback and non-loopback binds. */
class OriginGuardTest {
  private static boolean allows(String pattern, String origin) {
    OriginPattern o = OriginPattern.parseOrigin(origin);
    return o != null && OriginPattern.parse(pattern).matches(o);
  }

  @Test
  void anyPortPattern_matchesEveryPortAndNoPort() {
    assertTrue(allows("http://localhost:*", "http://localhost:3000"));
    assertTrue(allows("http://localhost:*", "http://localhost"));
    assertTrue(allows("http://localhost:*", "HTTP://LOCALHOST:8080"));
    assertFalse(allows("http://localhost:*", "https://localhost:3000"));
    assertFalse(allows("http://localhost:*", "http://localhost.evil.example:3000"));
    assertFalse(allows("http://localhost:*", "http://evil-localhost:3000"));
  }

  @Test
  void exactPattern_normalisesDefaultPorts() {
    assertTrue(allows("https://catalog.example.com", "https://catalog.example.com"));
    assertTrue(allows("https://catalog.example.com", "https://catalog.example.com:443"));
    assertTrue(allows("https://catalog.example.com:443", "https://catalog.example.com"));
    assertFalse(allows("https://catalog.example.com", "https://catalog.example.com:8443"));
    assertFalse(allows("https://catalog.example.com", "http://catalog.example.com"));
    assertTrue(allows("http://[::1]:*", "http://[::1]:5173"));
  }

  @Test
  void star_matchesAnyValidOrigin() {
    assertTrue(allows("*", "https://anything.example"));
  }

  @Test
  void originHeader_mustBeASerialisedOrigin() {
    for (String bad :
        new String[] {
          "null",
          "",
          "localhost",
          "http://localhost:3000/",
          "http://localhost:3000/path",
          "http://u@localhost",
          "http://localhost:*",
          "http://localhost:99999",
          "http://local host"
        }) {
      assertNull(OriginPattern.parseOrigin(bad), bad);
    }
  }

  @Test
  void badPatterns_areRejectedWithoutEchoingThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OriginPattern.parse("catalog-secretish"));
    assertFalse(e.getMessage().contains("secretish"));
  }

  @Test
  void loopbackBind_acceptsOnlyLocalhostNames() {
    OriginGuard guard = new OriginGuard(HttpServerConfig.builder().build(), true);
    assertTrue(guard.hostAllowed(List.of("localhost:8000")));
    assertTrue(guard.hostAllowed(List.of("127.0.0.1")));
    assertTrue(guard.hostAllowed(List.of("[::1]:8000")));
    assertTrue(guard.hostAllowed(List.of("LOCALHOST")));
    assertFalse(guard.hostAllowed(List.of("attacker.example")));
    assertFalse(guard.hostAllowed(List.of("localhost.attacker.example")));
    assertFalse(guard.hostAllowed(List.of()));
    assertFalse(guard.hostAllowed(List.of("localhost", "localhost")));
  }

  @Test
  void publicBind_withoutAllowedHosts_acceptsAnyHost() {
    OriginGuard guard = new OriginGuard(HttpServerConfig.builder().host("0.0.0.0").build(), false);
    assertTrue(guard.hostAllowed(List.of("mcp.example.com")));
    assertTrue(guard.hostAllowed(List.of("10.1.2.3:8000")));
  }

  @Test
  void publicBind_withAllowedHosts_acceptsOnlyThem() {
    OriginGuard guard =
        new OriginGuard(
            HttpServerConfig.builder()
                .host("0.0.0.0")
                .allowedHosts(List.of("MCP.example.com", "internal:8000"))
                .build(),
            false);
    assertTrue(guard.hostAllowed(List.of("mcp.example.com")));
    assertTrue(guard.hostAllowed(List.of("mcp.example.com:443")));
    assertTrue(guard.hostAllowed(List.of("internal:8000")));
    assertFalse(guard.hostAllowed(List.of("internal:9000")));
    assertFalse(guard.hostAllowed(List.of("evil.example")));
    assertFalse(guard.hostAllowed(List.of()));
  }

  /**
   * A load balancer's health check sends the target's IP as Host: the health paths accept IP
   * literals even with MCP_ALLOWED_HOSTS set; /mcp does not, and names stay refused everywhere.
   */
  @Test
  void publicBind_withAllowedHosts_healthAcceptsIpLiterals_only() {
    OriginGuard guard =
        new OriginGuard(
            HttpServerConfig.builder()
                .host("0.0.0.0")
                .allowedHosts(List.of("mcp.example.com"))
                .build(),
            false);
    assertTrue(guard.hostAllowed(List.of("10.1.2.3:8000"), true));
    assertTrue(guard.hostAllowed(List.of("[fd00::12]:8000"), true));
    assertFalse(guard.hostAllowed(List.of("10.1.2.3:8000"), false), "not for /mcp");
    assertFalse(guard.hostAllowed(List.of("evil.example"), true));
    assertFalse(guard.hostAllowed(List.of("10.1.2.300"), true));
    assertFalse(guard.hostAllowed(List.of("10.1.2"), true));
    assertFalse(guard.hostAllowed(List.of("1.2.3.4.evil.example"), true));
  }

  @Test
  void hostName_stripsPortsAndKeepsIpv6Brackets() {
    assertEquals("[::1]", OriginGuard.hostName("[::1]:80"));
    assertEquals("example.com", OriginGuard.hostName("example.com:80"));
    assertEquals("example.com", OriginGuard.hostName("example.com"));
  }
}
