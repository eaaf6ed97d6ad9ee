package com.quiltdata.mcp.auth.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class EntropyCheckTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static Optional<String> check(String text) {
    return EntropyCheck.weakness(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void weakness_allSameByte_fewDistinct() {
    assertTrue(check("x".repeat(64)).orElseThrow().contains("1 distinct"));
  }

  @Test
  void weakness_repeatedPattern_detected() {
    assertTrue(check("0123456789abcdef".repeat(3)).orElseThrow().contains("pattern of 16"));
  }

  @Test
  void weakness_humanPhrase_lowEstimate() {
    assertTrue(check("this-is-my-super-secret-jwt-signing-key-for-dev").isPresent());
    assertTrue(check("thisisaverylongpassphraseforjwtsigning").isPresent());
  }

  @Test
  void weakness_digitsOnly_singleClass() {
    assertTrue(check("31415926535897932384626433832795028841971").isPresent());
  }

  @RepeatedTest(20)
  void weakness_generatedSecrets_none() {
    assertEquals(Optional.empty(), EntropyCheck.weakness(random(32)));
    assertEquals(Optional.empty(), check(Base64.getEncoder().encodeToString(random(48))));
    assertEquals(Optional.empty(), check(Base64.getEncoder().encodeToString(random(24))));
    assertEquals(Optional.empty(), check(HexFormat.of().formatHex(random(32))));
  }
}
