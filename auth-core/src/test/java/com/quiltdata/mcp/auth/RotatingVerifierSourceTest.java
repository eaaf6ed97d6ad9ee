package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.RotatingVerifierSource.RefreshOutcome;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RotatingVerifierSourceTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();
  @TempDir Path dir;

  private final RotationTestClock clock = new RotationTestClock(NOW);

  private String token(String kid, String secret) {
    return JwtMinter.create(SigningKey.ofUtf8(kid, secret), clock)
        .enhanced("alice")
        .ttl(Duration.ofHours(6))
        .mint();
  }

  private RotatingVerifierSource build(SecretSettings settings) {
    return RotatingVerifierSource.builder(settings).clock(clock).build();
  }

  @Test
  void previousSecret_acceptedDuringGrace_rejectedAfterWithoutRefresh() {
    String current = SecretCanaries.strong();
    String previous = SecretCanaries.strong();
    SecretSettings settings =
        SecretSettings.builder()
            .environmentSecret("MCP_JWT_SECRET", current)
            .previousSecret("MCP_JWT_PREVIOUS_SECRET", previous)
            .keyId("k")
            .gracePeriod(Duration.ofMinutes(30))
            .build();
    try (RotatingVerifierSource source = build(settings)) {
      String oldToken = token("k", previous);
      String newToken = token("k", current);
      assertEquals("alice", source.current().verify(oldToken).subject());
      assertEquals(1, source.keyInfo().previousKeys());

      clock.advance(Duration.ofMinutes(29));
      assertEquals("alice", source.current().verify(oldToken).subject());
      clock.advance(Duration.ofMinutes(1));
      JwtVerificationException e =
          assertThrows(JwtVerificationException.class, () -> source.current().verify(oldToken));
      assertEquals(JwtVerificationException.Reason.BAD_SIGNATURE, e.reason());
      assertEquals("alice", source.current().verify(newToken).subject());
      assertEquals(0, source.keyInfo().previousKeys());
    }
  }

  @Test
  void previousKid_differentFromCurrent_selectsPreviousByKid() {
    String current = SecretCanaries.strong();
    String previous = SecretCanaries.strong();
    SecretSettings settings =
        SecretSettings.builder()
            .environmentSecret("S", current)
            .keyId("2026-11")
            .previousSecret("P", previous)
            .previousKeyId("2026-10")
            .build();
    try (RotatingVerifierSource source = build(settings)) {
      assertEquals("alice", source.current().verify(token("2026-10", previous)).subject());
      assertThrows(
          JwtVerificationException.class,
          () -> source.current().verify(token("2026-11", previous)));
    }
  }

  @Test
  void keyInfo_environmentSource_describesKeyWithoutSecret() {
    String secret = SecretCanaries.strong();
    SecretSettings settings =
        SecretSettings.builder().environmentSecret("MCP_JWT_SECRET", secret).keyId("k").build();
    try (RotatingVerifierSource source = build(settings)) {
      VerifierSource.KeyInfo info = source.keyInfo();
      assertEquals(
          new VerifierSource.KeyInfo(
              "env",
              "MCP_JWT_SECRET",
              "k",
              secret.length(),
              SigningKey.ofUtf8("k", secret).fingerprint(),
              0,
              NOW),
          info);
      SecretCanaries.assertNoCanary(info.toString());
      SecretCanaries.assertNoCanary(source.toString());
      SecretCanaries.assertNoCanary(source.current().toString());
      assertEquals(RefreshOutcome.UNCHANGED, source.refresh());
    }
  }

  @Test
  void verifierOptions_appliedAndClockIsTheSourcesClock() {
    SecretSettings settings =
        SecretSettings.builder().environmentSecret("S", SecretCanaries.strong()).build();
    try (RotatingVerifierSource source =
        RotatingVerifierSource.builder(settings)
            .clock(clock)
            .verifierOptions(
                b -> b.issuers(Set.of("quilt-frontend")).clock(java.time.Clock.systemUTC()))
            .build()) {
      assertEquals(Set.of("quilt-frontend"), source.current().config().issuers());
      assertSame(clock, source.current().config().clock());
    }
  }

  @Test
  void fileSource_rewrittenFile_rotatesOnRefresh() throws Exception {
    Path file = dir.resolve("jwt-secret");
    String first = SecretCanaries.strong();
    String second = SecretCanaries.strong();
    Files.writeString(file, first + "\n", StandardCharsets.UTF_8);
    SecretSettings settings = SecretSettings.builder().fileSecret(file).build();
    try (RotatingVerifierSource source = build(settings)) {
      String firstToken = token(null, first);
      assertEquals("file", source.keyInfo().source());
      assertEquals(file.toString(), source.keyInfo().location());
      assertEquals(first.length(), source.keyInfo().length());

      Files.writeString(file, second, StandardCharsets.UTF_8);
      clock.advance(Duration.ofMinutes(1));
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      assertEquals(SigningKey.ofUtf8(null, second).fingerprint(), source.keyInfo().fingerprint());
      assertEquals("alice", source.current().verify(firstToken).subject());

      Files.delete(file);
      assertEquals(RefreshOutcome.FAILED, source.refresh());
      assertEquals("alice", source.current().verify(token(null, second)).subject());
      clock.advance(Duration.ofHours(1));
      assertThrows(JwtVerificationException.class, () -> source.current().verify(firstToken));
    }
    assertTrue(canaries.messages(Level.WARN).stream().anyMatch(m -> m.contains("does not exist")));
  }

  @Test
  void fileSource_missingAtStart_secretUnavailableNamingPath() {
    Path missing = dir.resolve("nope");
    AuthException e =
        assertThrows(
            AuthException.class, () -> build(SecretSettings.builder().fileSecret(missing).build()));
    assertEquals(Reason.SECRET_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void rotation_backToAnEarlierKey_dropsItFromPrevious() throws Exception {
    Path file = dir.resolve("s");
    String a = SecretCanaries.strong();
    String b = SecretCanaries.strong();
    Files.writeString(file, a);
    try (RotatingVerifierSource source = build(SecretSettings.builder().fileSecret(file).build())) {
      Files.writeString(file, b);
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      Files.writeString(file, a);
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      assertEquals(1, source.keyInfo().previousKeys());
      assertEquals(SigningKey.ofUtf8(null, a).fingerprint(), source.keyInfo().fingerprint());
    }
  }

  @Test
  void scheduler_refreshableSource_scheduledEveryIntervalAndCancelledOnClose() throws Exception {
    Path file = dir.resolve("s");
    Files.writeString(file, SecretCanaries.strong());
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
    try {
      SecretSettings settings =
          SecretSettings.builder().fileSecret(file).refreshInterval(Duration.ofMinutes(2)).build();
      RotatingVerifierSource source =
          RotatingVerifierSource.builder(settings).clock(clock).scheduler(scheduler).build();
      List<Runnable> queued = List.copyOf(scheduler.getQueue());
      assertEquals(1, queued.size());
      RunnableScheduledFuture<?> task = (RunnableScheduledFuture<?>) queued.get(0);
      assertTrue(task.isPeriodic());
      long delay = task.getDelay(TimeUnit.SECONDS);
      assertTrue(delay > 100 && delay <= 120, "delay " + delay);

      source.close();
      assertTrue(task.isCancelled());
      assertTrue(scheduler.getQueue().isEmpty());
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void scheduler_environmentSource_nothingScheduled() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      SecretSettings settings =
          SecretSettings.builder().environmentSecret("S", SecretCanaries.strong()).build();
      try (RotatingVerifierSource source =
          RotatingVerifierSource.builder(settings).clock(clock).scheduler(scheduler).build()) {
        assertTrue(scheduler.getQueue().isEmpty());
        assertEquals("env", source.keyInfo().source());
      }
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void ssmSource_noRegionNoClient_configurationErrorBeforeAnyCall() {
    SecretSettings settings = SecretSettings.builder().ssmParameter("/p").build();
    AuthException e = assertThrows(AuthException.class, () -> build(settings));
    assertEquals(Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("AWS_REGION"), e.getMessage());
  }

  @Test
  void weakSecret_warnsOnceWithLocationAndFingerprintNeverTheSecret() {
    String weak = SecretCanaries.weak();
    SecretSettings settings =
        SecretSettings.builder().environmentSecret("MCP_JWT_SECRET", weak).build();
    try (RotatingVerifierSource source = build(settings)) {
      List<String> warnings = canaries.messages(Level.WARN);
      assertEquals(1, warnings.size(), warnings::toString);
      assertTrue(warnings.get(0).contains("MCP_JWT_SECRET"));
      assertTrue(warnings.get(0).contains(source.keyInfo().fingerprint()));
      assertTrue(warnings.get(0).contains("looks weak"));
      String weakness = source.currentKeyWeakness().orElseThrow();
      assertTrue(warnings.get(0).contains(weakness), weakness);
      SecretCanaries.assertNoCanary(weakness);
      source.refresh();
      assertEquals(1, canaries.messages(Level.WARN).size());
    }
  }

  @Test
  void currentKeyWeakness_followsRotationOfTheFile() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, SecretCanaries.strong());
    SecretSettings settings = SecretSettings.builder().fileSecret(file).build();
    try (RotatingVerifierSource source = build(settings)) {
      assertTrue(source.currentKeyWeakness().isEmpty());
      Files.writeString(file, SecretCanaries.weak());
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      assertTrue(source.currentKeyWeakness().isPresent());
      Files.writeString(file, SecretCanaries.strong());
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      assertTrue(source.currentKeyWeakness().isEmpty());
    }
  }

  @Test
  void strongSecret_noWarning() {
    SecretSettings settings =
        SecretSettings.builder().environmentSecret("S", SecretCanaries.strong()).build();
    try (RotatingVerifierSource source = build(settings)) {
      assertTrue(canaries.messages(Level.WARN).isEmpty());
      assertTrue(source.currentKeyWeakness().isEmpty());
      assertNull(source.keyInfo().keyId());
    }
  }

  @Test
  void base64Secret_keyIsDecodedBytes() {
    String encoded = SecretCanaries.strongBase64();
    SecretSettings settings =
        SecretSettings.builder()
            .environmentSecret("S", encoded)
            .encoding(SecretSettings.Encoding.BASE64)
            .build();
    try (RotatingVerifierSource source = build(settings)) {
      byte[] raw = java.util.Base64.getDecoder().decode(encoded);
      assertEquals(48, source.keyInfo().length());
      assertEquals(SigningKey.fingerprintOf(raw), source.keyInfo().fingerprint());
    }
  }
}
