package com.quiltdata.mcp.tools.diagnostics;

import static com.quiltdata.mcp.tools.diagnostics.DiagnosticsFixture.structured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.TestPrincipals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

class JwtDiagnosticsToolTest {
  private static final String TOOL = DiagnosticsTools.JWT_DIAGNOSTICS;
  private final List<DiagnosticsFixture> fixtures = new ArrayList<>();

  private DiagnosticsFixture web() {
    return track(new DiagnosticsFixture());
  }

  private DiagnosticsFixture fixture(
      DiagnosticsTools.Environment environment,
      boolean withKey,
      CredentialsBroker broker,
      Consumer<VerifierConfig.Builder> options) {
    return track(new DiagnosticsFixture(environment, withKey, broker, options));
  }

  private DiagnosticsFixture track(DiagnosticsFixture f) {
    fixtures.add(f);
    return f;
  }

  @AfterEach
  void nothingLeaked() {
    for (DiagnosticsFixture f : fixtures) {
      try {
        assertTrue(f.answers() > 0, "the leak check saw no answer");
        f.assertNoLeaks();
      } finally {
        f.close();
      }
    }
  }

  /** A broker that reports cached credentials and must never be asked for any. */
  private static final class StatusOnlyBroker implements CredentialsBroker {
    final List<String> asked = new ArrayList<>();

    @Override
    public AwsCredentialsProvider providerFor(Principal principal) {
      throw new AssertionError("diagnostics must never fetch credentials");
    }

    @Override
    public Optional<CredentialStatus> status(Principal principal) {
      asked.add(principal.subject());
      return Optional.of(
          new CredentialStatus(
              "registry",
              DiagnosticsFixture.START.plusSeconds(1800),
              DiagnosticsFixture.START.plusSeconds(1500)));
    }
  }

  private static List<String> codes(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.get("recommendations").forEach(r -> out.add(r.get("code").asText()));
    return out;
  }

  @Test
  void tokenCaller_seesIdentityGrantsKeyFactsAndRules() {
    DiagnosticsFixture f = web();
    String token = f.token("alice@example.com");
    JsonNode s = structured(f.call(f.principal(token), TOOL, "{}"));

    assertEquals("web", s.get("environment").asText());
    assertEquals("bearer", s.get("scheme").asText());
    assertEquals("bearer_token", s.get("origin").asText());
    assertEquals("alice@example.com", s.get("subject").asText());
    JsonNode t = s.get("token");
    assertTrue(t.get("present").asBoolean());
    assertEquals("sha256:" + BearerToken.of(token).fingerprint(), t.get("fingerprint").asText());
    assertEquals("enhanced", t.get("kind").asText());
    assertEquals("quilt-frontend", t.get("issuer").asText());
    assertEquals("quilt-mcp-server", t.get("audiences").get(0).asText());
    assertEquals(3600, t.get("seconds_left").asLong());
    assertFalse(t.get("expired").asBoolean());
    JsonNode g = s.get("grants");
    assertEquals(2, g.get("bucket_count").asInt());
    assertEquals("quilt-demos", g.get("buckets").get(0).asText());
    assertEquals(2, g.get("permission_count").asInt());
    assertEquals("ReadQuiltBucket", g.get("roles").get(0).asText());
    JsonNode key = s.get("server_key");
    assertTrue(key.get("available").asBoolean());
    assertEquals("static", key.get("source").asText());
    assertEquals(DiagnosticsFixture.KID, key.get("key_id").asText());
    assertEquals(f.key.length(), key.get("length_bytes").asInt());
    assertEquals(0, key.get("previous_keys").asInt());
    assertFalse(key.has("location"), "the secret's location stays in the start-up log");
    assertEquals("quilt-frontend", s.get("verification").get("issuers").get(0).asText());
    assertEquals(60, s.get("verification").get("clock_skew_seconds").asInt());
    assertFalse(s.get("credentials").get("cached").asBoolean());
    assertEquals(List.of("CREDENTIALS_NOT_CACHED"), codes(s));
  }

  @Test
  void keyFingerprint_isTheConfiguredKeysAndDiffersForAnotherKey() {
    DiagnosticsFixture f = web();
    DiagnosticsFixture other = web();
    String shown =
        structured(f.call(f.principal(f.token("alice")), TOOL, "{}"))
            .get("server_key")
            .get("fingerprint")
            .asText();
    String otherShown =
        structured(other.call(other.principal(other.token("alice")), TOOL, "{}"))
            .get("server_key")
            .get("fingerprint")
            .asText();

    assertEquals(f.key.fingerprint(), shown);
    assertTrue(shown.matches("kfp1:[0-9a-f]{16}"), shown);
    assertEquals(other.key.fingerprint(), otherShown);
    assertNotEquals(shown, otherShown);
    assertNotEquals(f.otherKey(DiagnosticsFixture.KID).fingerprint(), shown);
  }

  @Test
  void tokenExpiringWithinFiveMinutes_isWarned() {
    DiagnosticsFixture f = web();
    String token =
        f.remember(
            f.minter
                .enhanced("alice")
                .buckets(List.of("quilt-demos"))
                .permissions(List.of("s3:GetObject"))
                .ttl(Duration.ofMinutes(4))
                .mint());
    JsonNode s = structured(f.call(f.principal(token), TOOL, "{}"));
    assertEquals(240, s.get("token").get("seconds_left").asLong());
    assertTrue(codes(s).contains("TOKEN_EXPIRES_SOON"), codes(s).toString());
    assertEquals("warning", s.get("recommendations").get(0).get("severity").asText());
  }

  @Test
  void noBucketsAndUnknownAbbreviations_areReportedWithAdvice() {
    DiagnosticsFixture f = web();
    String token =
        f.remember(
            f.minter
                .enhanced("alice")
                .form(JwtMinter.ClaimForm.SHORT)
                .claim("p", List.of("g", "zz"))
                .mint());
    JsonNode s = structured(f.call(f.principal(token), TOOL, "{}"));
    assertEquals(0, s.get("grants").get("bucket_count").asInt());
    assertEquals("s3:GetObject", s.get("grants").get("permissions").get(0).asText());
    assertTrue(s.get("claim_warnings").get(0).asText().contains("zz"));
    assertTrue(codes(s).containsAll(List.of("NO_BUCKETS", "CLAIMS_DROPPED")), codes(s).toString());
  }

  @Test
  void uncheckedIssuer_isRecommendedWithTheTokensValue() {
    DiagnosticsFixture f = fixture(DiagnosticsTools.Environment.WEB, true, null, c -> {});
    JsonNode s = structured(f.call(f.principal(f.token("alice")), TOOL, "{}"));
    assertEquals(0, s.get("verification").get("issuers").size());
    assertTrue(codes(s).contains("ISSUER_NOT_CHECKED"));
    assertFalse(codes(s).contains("AUDIENCE_NOT_CHECKED"), "the audience is configured");
    String message = s.get("recommendations").get(0).get("message").asText();
    assertTrue(message.contains("MCP_JWT_ISSUER") && message.contains("'quilt-frontend'"));
  }

  @Test
  void issuerDifferingFromConfiguration_isAnError() {
    DiagnosticsFixture f = web();
    String token = f.token("alice");
    QuiltClaims verified = f.principal(token).claims();
    // A principal verified elsewhere (say, at start under another configuration).
    Principal elsewhere =
        Principal.fromToken(
            QuiltClaims.builder("alice", verified.expiresAt())
                .issuer("staging-frontend")
                .audiences(List.of("someone-else"))
                .buckets(verified.buckets())
                .permissions(verified.permissions())
                .build(),
            BearerToken.of(token));
    JsonNode s = structured(f.call(elsewhere, TOOL, "{}"));
    assertTrue(codes(s).containsAll(List.of("ISSUER_MISMATCH", "AUDIENCE_MISMATCH")));
    assertEquals("error", s.get("recommendations").get(0).get("severity").asText());
  }

  @Test
  void cachedCredentials_showTimesOnlyAndAreNeverFetched() {
    StatusOnlyBroker broker = new StatusOnlyBroker();
    DiagnosticsFixture f =
        fixture(DiagnosticsTools.Environment.WEB, true, broker, c -> c.issuers(Set.of()));
    JsonNode s = structured(f.call(f.principal(f.token("alice")), TOOL, "{}"));
    JsonNode c = s.get("credentials");
    assertTrue(c.get("cached").asBoolean());
    assertEquals("registry", c.get("source").asText());
    assertEquals("2026-03-01T12:30:00Z", c.get("expires_at").asText());
    assertEquals("2026-03-01T12:25:00Z", c.get("refresh_at").asText());
    assertEquals(1800, c.get("seconds_left").asLong());
    assertEquals(Set.of("cached", "source", "expires_at", "refresh_at", "seconds_left"), names(c));
    assertEquals(List.of("alice"), broker.asked);
    assertFalse(codes(s).contains("CREDENTIALS_NOT_CACHED"));
  }

  @Test
  void desktopUserWithoutToken_orKey_isExplained() {
    DiagnosticsFixture f =
        fixture(DiagnosticsTools.Environment.DESKTOP, false, null, c -> c.issuers(Set.of()));
    JsonNode s = structured(f.call(TestPrincipals.desktop(), TOOL, "{}"));
    assertEquals("desktop", s.get("environment").asText());
    assertEquals("local", s.get("scheme").asText());
    assertEquals("desktop", s.get("origin").asText());
    assertEquals(Set.of("present"), names(s.get("token")));
    assertFalse(s.get("server_key").get("available").asBoolean());
    assertTrue(s.get("server_key").get("reason").asText().contains("no signing secret"));
    assertFalse(s.has("verification"));
    assertEquals(List.of("NO_SIGNING_KEY", "LOCAL_AWS_CREDENTIALS"), codes(s));
  }

  @Test
  void desktopTokenVerifiedAtStart_laterExpired_isAnError() {
    DiagnosticsFixture f =
        fixture(DiagnosticsTools.Environment.DESKTOP, true, null, c -> c.issuers(Set.of()));
    Principal atStart = f.principal(f.token("alice"));
    f.clock.advance(Duration.ofHours(2));
    JsonNode s = structured(f.call(atStart, TOOL, "{}"));
    assertTrue(s.get("token").get("expired").asBoolean());
    assertEquals(0, s.get("token").get("seconds_left").asLong());
    JsonNode first = s.get("recommendations").get(0);
    assertEquals("TOKEN_EXPIRED", first.get("code").asText());
    assertTrue(first.get("message").asText().contains("QUILT_ACCESS_TOKEN"));
    assertFalse(codes(s).contains("ISSUER_NOT_CHECKED"), "hardening advice is for web mode");
  }

  @Test
  void nativeRegistryToken_isExplained() {
    DiagnosticsFixture f =
        fixture(
            DiagnosticsTools.Environment.WEB,
            true,
            null,
            c -> c.issuers(Set.of()).audiences(Set.of()));
    String token = f.remember(f.minter.nativeToken("user-42", Duration.ofMinutes(30)));
    JsonNode s = structured(f.call(f.principal(token), TOOL, "{}"));
    assertEquals("native", s.get("token").get("kind").asText());
    assertEquals("user-42", s.get("subject").asText());
    assertTrue(
        codes(s).containsAll(List.of("NATIVE_TOKEN", "NO_BUCKETS", "NO_PERMISSIONS")),
        codes(s).toString());
  }

  @Test
  void toolIsOpen_andNeverLogsTheSubject() {
    DiagnosticsFixture f = web();
    Principal alice = f.principal(f.token("alice.canary@example.com"));
    structured(f.call(alice, TOOL, "{}"));
    assertTrue(f.definition(TOOL).requirements().actions().isEmpty());
    for (String line : f.logLines()) {
      assertFalse(line.contains("alice.canary@example.com"), line);
    }
    assertTrue(
        f.logLines().stream().anyMatch(l -> l.contains("subject#" + alice.subjectFingerprint())));
  }

  @Test
  void expiresAt_isAnInstantString() {
    DiagnosticsFixture f = web();
    JsonNode s = structured(f.call(f.principal(f.token("alice")), TOOL, "{}"));
    assertEquals(
        DiagnosticsFixture.START.plusSeconds(3600),
        Instant.parse(s.get("token").get("expires_at").asText()));
  }

  private static Set<String> names(JsonNode node) {
    Set<String> out = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
