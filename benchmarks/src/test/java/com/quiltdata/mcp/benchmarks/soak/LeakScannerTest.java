package com.quiltdata.mcp.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's leak scan finds what it is told to look for, and names it without its value. */
class LeakScannerTest {
  private static final String SECRET = "soak-signing-0123456789abcdef";
  private static final String TOKEN =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb2FrLXVzZXIifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

  @Test
  void fixedSecretsAndMintedTokens_areFoundByName() {
    LeakScanner scanner = new LeakScanner(Map.of("signing secret", SECRET));
    scanner.addToken(TOKEN);
    assertEquals(List.of(), scanner.scan("response", "{\"result\":{\"subject\":\"soak-user\"}}"));
    assertEquals(List.of("signing secret"), scanner.scan("response", "key=" + SECRET + ";"));
    assertEquals(List.of("bearer token"), scanner.scan("response", "Bearer " + TOKEN + "\""));
    Map<String, Long> findings = scanner.findings();
    assertEquals(Map.of("response: signing secret", 1L, "response: bearer token", 1L), findings);
    assertFalse(findings.toString().contains(SECRET), "a finding never shows the secret");
  }

  @Test
  void jwtShapedTextThatWasNeverMinted_isNotAFinding() {
    LeakScanner scanner = new LeakScanner(Map.of("signing secret", SECRET));
    scanner.addToken(TOKEN);
    String other = TOKEN.substring(0, TOKEN.length() - 4) + "AAAA";
    assertEquals(List.of(), scanner.scan("log", "token " + other));
  }

  @Test
  void logFiles_areScannedLineByLine(@TempDir Path dir) throws Exception {
    LeakScanner scanner = new LeakScanner(Map.of("Redis password", "soak-redis-pw-123456"));
    Path log = dir.resolve("replica.log");
    Files.writeString(log, "INFO start\nWARN redis://:soak-redis-pw-123456@127.0.0.1\nINFO ok\n");
    assertEquals(3, scanner.scanFile("log replica.log", log));
    assertTrue(scanner.findings().containsKey("log replica.log: Redis password"));
  }

  @Test
  void aSecretTooShortToMeanAnything_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LeakScanner(Map.of("pw", "short")));
  }
}
