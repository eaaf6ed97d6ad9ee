package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.quiltdata.mcp.auth.RotatingVerifierSource.RefreshOutcome;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The SSM source through the real AWS SDK client against a local JSON 1.1 stub. */
class SsmSecretSourceTest {
  static final String PARAM = "/quilt/mcp-server/jwt-secret";
  static final String KID = "frontend-enhanced";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();

  private final RotationTestClock clock = new RotationTestClock(NOW);
  private SsmStub stub;
  private SsmClient client;

  @BeforeEach
  void startStub() throws Exception {
    stub = SsmStub.start(PARAM);
    client = stub.client();
  }

  @AfterEach
  void stopStub() {
    client.close();
    stub.close();
  }

  private SecretSettings settings() {
    return SecretSettings.builder().ssmParameter(PARAM).keyId(KID).ssmRegion("us-east-1").build();
  }

  private RotatingVerifierSource source() {
    return RotatingVerifierSource.builder(settings()).clock(clock).ssmClient(client).build();
  }

  private static String token(String secret, Clock at) {
    return JwtMinter.create(SigningKey.ofUtf8(KID, secret), at)
        .enhanced("alice")
        .ttl(Duration.ofHours(6))
        .mint();
  }

  private static void assertRejected(RotatingVerifierSource source, String token) {
    assertThrows(JwtVerificationException.class, () -> source.current().verify(token));
  }

  @Test
  void endpointFromTheEnvironment_isWhereTheServersOwnClientReads() {
    String secret = SecretCanaries.strong();
    stub.put(secret, NOW.minus(Duration.ofDays(3)));
    SecretSettings fromEnv =
        SecretSettings.fromEnvironment(
            java.util.Map.of(
                "MCP_JWT_SECRET_SSM_PARAMETER",
                PARAM,
                "MCP_JWT_KID",
                KID,
                "AWS_REGION",
                "us-east-1",
                "AWS_ENDPOINT_URL_SSM",
                stub.endpoint().toString()));
    // no ssmClient: the source builds its own, with the default credentials chain
    String[] keys = {"aws.accessKeyId", "aws.secretAccessKey"};
    String[] before = {System.getProperty(keys[0]), System.getProperty(keys[1])};
    System.setProperty(keys[0], "AKIAENDPOINTTEST0001");
    System.setProperty(keys[1], "endpoint-test-secret-key");
    try (RotatingVerifierSource source =
        RotatingVerifierSource.builder(fromEnv).clock(clock).build()) {
      assertEquals("alice", source.current().verify(token(secret, clock)).subject());
      assertFalse(stub.received().isEmpty(), "read at the configured endpoint");
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (before[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], before[i]);
        }
      }
    }
  }

  @Test
  void start_singleVersion_loadsWithDecryptionAndVerifies() {
    String secret = SecretCanaries.strong();
    stub.put(secret, NOW.minus(Duration.ofDays(3)));
    try (RotatingVerifierSource source = source()) {
      assertEquals("alice", source.current().verify(token(secret, clock)).subject());
      VerifierSource.KeyInfo info = source.keyInfo();
      assertEquals("ssm", info.source());
      assertEquals(PARAM, info.location());
      assertEquals(KID, info.keyId());
      assertEquals(secret.length(), info.length());
      assertEquals(SigningKey.ofUtf8(KID, secret).fingerprint(), info.fingerprint());
      assertEquals(0, info.previousKeys());
      assertEquals(NOW, info.loadedAt());
      SecretCanaries.assertNoCanary(info.toString());
    }
    List<SsmStub.Received> received = stub.received();
    assertEquals(1, received.size());
    assertEquals("AmazonSSM.GetParameter", received.get(0).target());
    assertTrue(received.get(0).withDecryption());
  }

  @Test
  void start_previousVersionRecent_acceptedUntilGraceAfterItsReplacement() {
    String old = SecretCanaries.strong();
    String current = SecretCanaries.strong();
    stub.put(old, NOW.minus(Duration.ofDays(2)));
    stub.put(current, NOW.minus(Duration.ofMinutes(10)));
    try (RotatingVerifierSource source = source()) {
      String oldToken = token(old, clock);
      String currentToken = token(current, clock);
      assertEquals("alice", source.current().verify(oldToken).subject());
      assertEquals(1, source.keyInfo().previousKeys());

      clock.advance(Duration.ofMinutes(51));
      assertRejected(source, oldToken);
      assertEquals("alice", source.current().verify(currentToken).subject());
      assertEquals(0, source.keyInfo().previousKeys());
    }
    List<SsmStub.Received> received = stub.received();
    assertEquals("AmazonSSM.GetParameterHistory", received.get(1).target());
    assertTrue(received.stream().allMatch(SsmStub.Received::withDecryption));
  }

  @Test
  void start_previousVersionReplacedLongAgo_notAccepted() {
    String old = SecretCanaries.strong();
    stub.put(old, NOW.minus(Duration.ofDays(2)));
    stub.put(SecretCanaries.strong(), NOW.minus(Duration.ofHours(2)));
    try (RotatingVerifierSource source = source()) {
      assertRejected(source, token(old, clock));
      assertEquals(0, source.keyInfo().previousKeys());
    }
  }

  @Test
  void start_historyOverSeveralPages_takesVersionBeforeCurrent() {
    stub.historyPageSize(2);
    String[] secrets = new String[5];
    for (int i = 0; i < secrets.length; i++) {
      secrets[i] = SecretCanaries.strong();
      stub.put(secrets[i], NOW.minus(Duration.ofMinutes(50 - i)));
    }
    try (RotatingVerifierSource source = source()) {
      assertEquals("alice", source.current().verify(token(secrets[3], clock)).subject());
      assertRejected(source, token(secrets[2], clock));
      assertEquals(1, source.keyInfo().previousKeys());
    }
    long historyCalls =
        stub.received().stream()
            .filter(r -> r.target().equals("AmazonSSM.GetParameterHistory"))
            .count();
    assertEquals(3, historyCalls);
  }

  @Test
  void start_historyDenied_startsWithoutPreviousAndWarns() {
    String old = SecretCanaries.strong();
    stub.put(old, NOW.minus(Duration.ofDays(2)));
    stub.put(SecretCanaries.strong(), NOW.minus(Duration.ofMinutes(5)));
    stub.failHistoryWith("AccessDeniedException");
    try (RotatingVerifierSource source = source()) {
      assertRejected(source, token(old, clock));
    }
    assertTrue(
        canaries.messages(Level.WARN).stream()
            .anyMatch(m -> m.contains(PARAM) && m.contains("AccessDeniedException")));
  }

  @Test
  void start_ssmUnreachable_failsWithSecretUnavailable() throws Exception {
    try (SsmClient closed = SsmStub.clientFor(SsmStub.closedEndpoint())) {
      AuthException e =
          assertThrows(
              AuthException.class,
              () ->
                  RotatingVerifierSource.builder(settings())
                      .clock(clock)
                      .ssmClient(closed)
                      .build());
      assertEquals(AuthException.Reason.SECRET_UNAVAILABLE, e.reason());
      assertTrue(e.getMessage().contains(PARAM), e.getMessage());
      SecretCanaries.assertNoCanary(e);
    }
  }

  @Test
  void start_parameterMissing_failsWithConfiguration() {
    AuthException e = assertThrows(AuthException.class, this::source);
    assertEquals(AuthException.Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void start_accessDenied_failsWithSecretUnavailableNamingTheCode() {
    stub.put(SecretCanaries.strong(), NOW);
    stub.failWith("AccessDeniedException");
    AuthException e = assertThrows(AuthException.class, this::source);
    assertEquals(AuthException.Reason.SECRET_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
  }

  @Test
  void start_shortSecret_failsWithConfigurationMentioning32Bytes() {
    stub.put(SecretCanaries.ofLength(20), NOW);
    AuthException e = assertThrows(AuthException.class, this::source);
    assertEquals(AuthException.Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    SecretCanaries.assertNoCanary(e);
  }

  @Test
  void start_plainStringParameter_warnsNotEncrypted() {
    stub.put(SecretCanaries.strong(), NOW, "String");
    try (RotatingVerifierSource source = source()) {
      assertEquals("ssm", source.keyInfo().source());
    }
    assertTrue(canaries.messages(Level.WARN).stream().anyMatch(m -> m.contains("SecureString")));
  }

  @Test
  void start_base64Encoding_decodesValue() {
    stub.put(SecretCanaries.strongBase64(), NOW);
    SecretSettings settings =
        SecretSettings.builder()
            .ssmParameter(PARAM)
            .encoding(SecretSettings.Encoding.BASE64)
            .build();
    try (RotatingVerifierSource source =
        RotatingVerifierSource.builder(settings).clock(clock).ssmClient(client).build()) {
      assertEquals(48, source.keyInfo().length());
    }
  }

  @Test
  void refresh_valueChanged_swapsRingAndKeepsOldKeyForGraceOnly() {
    String first = SecretCanaries.strong();
    String second = SecretCanaries.strong();
    stub.put(first, NOW.minus(Duration.ofDays(30)));
    try (RotatingVerifierSource source = source()) {
      String firstToken = token(first, clock);
      assertEquals(RefreshOutcome.UNCHANGED, source.refresh());

      clock.advance(Duration.ofMinutes(5));
      stub.put(second, clock.instant());
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      VerifierSource.KeyInfo info = source.keyInfo();
      assertEquals(SigningKey.ofUtf8(KID, second).fingerprint(), info.fingerprint());
      assertEquals(1, info.previousKeys());
      assertEquals(clock.instant(), info.loadedAt());
      assertEquals("alice", source.current().verify(token(second, clock)).subject());
      assertEquals("alice", source.current().verify(firstToken).subject());

      clock.advance(SecretSettings.DEFAULT_GRACE_PERIOD.minusSeconds(1));
      assertEquals("alice", source.current().verify(firstToken).subject());
      clock.advance(Duration.ofSeconds(1));
      assertRejected(source, firstToken);
      assertEquals(0, source.keyInfo().previousKeys());

      assertEquals(RefreshOutcome.UNCHANGED, source.refresh());
      assertRejected(source, firstToken);
    }
    assertTrue(stub.received().stream().allMatch(SsmStub.Received::withDecryption));
  }

  @Test
  void refresh_ssmFailing_keepsLastGoodRingAndWarns() {
    String secret = SecretCanaries.strong();
    stub.put(secret, NOW);
    try (RotatingVerifierSource source = source()) {
      String token = token(secret, clock);
      stub.failWith("AccessDeniedException");
      assertEquals(RefreshOutcome.FAILED, source.refresh());
      assertEquals("alice", source.current().verify(token).subject());

      stub.stop();
      assertEquals(RefreshOutcome.FAILED, source.refresh());
      assertEquals("alice", source.current().verify(token).subject());
      assertEquals(SigningKey.ofUtf8(KID, secret).fingerprint(), source.keyInfo().fingerprint());
    }
    List<String> warnings = canaries.messages(Level.WARN);
    assertTrue(
        warnings.stream().anyMatch(m -> m.contains("AccessDeniedException")), warnings::toString);
    assertTrue(
        warnings.stream().allMatch(m -> !m.contains("AccessDeniedException") || m.contains(PARAM)));
  }

  @Test
  void refresh_newValueTooShort_failsAndKeepsRing() {
    String secret = SecretCanaries.strong();
    stub.put(secret, NOW);
    try (RotatingVerifierSource source = source()) {
      stub.put(SecretCanaries.ofLength(16), NOW);
      assertEquals(RefreshOutcome.FAILED, source.refresh());
      assertEquals("alice", source.current().verify(token(secret, clock)).subject());
    }
    assertFalse(canaries.messages(Level.WARN).isEmpty());
  }

  @Test
  void refresh_twoRotationsBetweenReads_acceptsBothReplacedKeys() {
    String v1 = SecretCanaries.strong();
    String v2 = SecretCanaries.strong();
    String v3 = SecretCanaries.strong();
    stub.put(v1, NOW.minus(Duration.ofDays(1)));
    try (RotatingVerifierSource source = source()) {
      clock.advance(Duration.ofMinutes(5));
      stub.put(v2, clock.instant().minus(Duration.ofMinutes(2)));
      stub.put(v3, clock.instant().minus(Duration.ofMinutes(1)));
      assertEquals(RefreshOutcome.ROTATED, source.refresh());
      assertEquals(2, source.keyInfo().previousKeys());
      assertEquals("alice", source.current().verify(token(v1, clock)).subject());
      assertEquals("alice", source.current().verify(token(v2, clock)).subject());
    }
  }
}
