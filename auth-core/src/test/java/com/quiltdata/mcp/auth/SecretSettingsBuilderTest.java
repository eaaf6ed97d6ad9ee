package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretSettingsBuilderTest {
  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();

  private static void assertConfiguration(Runnable action, String expectedInMessage) {
    AuthException e = assertThrows(AuthException.class, action::run);
    assertEquals(Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    SecretCanaries.assertNoCanary(e);
  }

  @Test
  void build_noSource_configurationError() {
    assertConfiguration(() -> SecretSettings.builder().build(), "MCP_JWT_SECRET");
  }

  @Test
  void sourceSetters_secondSource_configurationError() {
    assertConfiguration(
        () ->
            SecretSettings.builder()
                .environmentSecret("S", SecretCanaries.strong())
                .fileSecret(Path.of("/tmp/x")),
        "several JWT secret sources");
  }

  @Test
  void gracePeriod_outsideBounds_namesField() {
    assertConfiguration(
        () -> SecretSettings.builder().gracePeriod(Duration.ofSeconds(59)), "gracePeriod");
    assertConfiguration(
        () -> SecretSettings.builder().gracePeriod(Duration.ofDays(7).plusSeconds(1)),
        "gracePeriod");
    assertEquals(
        Duration.ofDays(7),
        SecretSettings.builder()
            .fileSecret(Path.of("/x"))
            .gracePeriod(Duration.ofDays(7))
            .build()
            .gracePeriod());
  }

  @Test
  void refreshInterval_outsideBounds_namesField() {
    assertConfiguration(
        () -> SecretSettings.builder().refreshInterval(Duration.ofSeconds(29)), "refreshInterval");
    assertConfiguration(
        () -> SecretSettings.builder().refreshInterval(Duration.ofMinutes(61)), "refreshInterval");
  }

  @Test
  void ssmParameter_withWhitespace_rejected() {
    assertConfiguration(() -> SecretSettings.builder().ssmParameter("/a b"), "ssmParameter");
  }

  @Test
  void ssmRegion_malformed_rejected() {
    assertConfiguration(() -> SecretSettings.builder().ssmRegion("US East"), "ssmRegion");
  }

  @Test
  void toString_environmentSecret_showsNameNotValue() {
    String secret = SecretCanaries.strong();
    SecretSettings s =
        SecretSettings.builder()
            .environmentSecret("MY_SECRET", secret)
            .previousSecret("MY_OLD", SecretCanaries.strong())
            .keyId("kid-1")
            .build();
    assertTrue(s.toString().contains("MY_SECRET"));
    assertTrue(s.toString().contains("MY_OLD"));
    SecretCanaries.assertNoCanary(s.toString());
    assertTrue(s.variablesUsed().isEmpty());
  }
}
