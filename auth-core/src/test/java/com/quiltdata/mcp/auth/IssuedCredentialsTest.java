package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class IssuedCredentialsTest {
  private static final Instant EXPIRY = Instant.parse("2026-11-23T11:00:00Z");

  @Test
  void toString_sessionCredentials_showsOnlyLastFourOfAccessKey() {
    IssuedCredentials issued =
        new IssuedCredentials(
            AwsSessionCredentials.create(
                "ASIAIOSFODNN7EXAMPLE", "CANARY-SECRET-KEY-wJalrXUtnFEMI", "CANARY-SESSION-TOKEN"),
            EXPIRY,
            IssuedCredentials.SOURCE_REGISTRY);
    String text = issued.toString();
    assertTrue(text.contains("accessKeyId=****MPLE"), text);
    assertFalse(text.contains("ASIAIOSFODNN7EXA"), text);
    assertFalse(text.contains("CANARY"), text);
    assertTrue(text.contains("session=true"), text);
    assertTrue(issued.isSession());
    assertEquals(EXPIRY, issued.expiresAt().orElseThrow());
  }

  @Test
  void accessKeyHint_shortKey_showsNothing() {
    IssuedCredentials issued =
        new IssuedCredentials(
            AwsBasicCredentials.create("AKIA123", "CANARY-SECRET-KEY"), null, "static");
    assertEquals("****", issued.accessKeyHint());
    assertTrue(issued.expiresAt().isEmpty());
    assertFalse(issued.isSession());
  }

  @Test
  void constructor_missingParts_areRejectedByName() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new IssuedCredentials(null, EXPIRY, "x"));
    assertEquals("credentials", e.getMessage());
    AwsBasicCredentials basic = AwsBasicCredentials.create("AKIA1234567", "s");
    assertEquals(
        "source",
        assertThrows(NullPointerException.class, () -> new IssuedCredentials(basic, null, null))
            .getMessage());
  }
}
