package com.quiltdata.mcp.tools.diagnostics;

import static com.quiltdata.mcp.tools.diagnostics.DiagnosticsFixture.structured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.SessionStore.SessionStats;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.tools.TestPrincipals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

class ValidateJwtTokenToolTest {
  private static final String TOOL = DiagnosticsTools.VALIDATE_JWT_TOKEN;
  private final List<DiagnosticsFixture> fixtures = new ArrayList<>();

  private DiagnosticsFixture track(DiagnosticsFixture f) {
    fixtures.add(f);
    return f;
  }

  private DiagnosticsFixture web() {
    return track(new DiagnosticsFixture());
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

  private static String args(String token) {
    return "{\"token\":" + TextNode.valueOf(token) + "}";
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Validates {@code token} as alice; returns the structured result. */
  private static JsonNode validate(DiagnosticsFixture f, String token) {
    Principal alice = f.principal(f.token("alice"));
    return structured(f.call(alice, TOOL, args(f.remember(token))));
  }

  private static JsonNode verdict(JsonNode s) {
    return s.get("verdict");
  }

  @Test
  void callersOwnToken_isValidWithHeaderClaimsAndExpectations() {
    DiagnosticsFixture f = web();
    String token = f.token("alice");
    JsonNode s = structured(f.call(f.principal(token), TOOL, "{}"));

    assertEquals("caller", s.get("source").asText());
    assertEquals(
        "sha256:" + BearerToken.of(token).fingerprint(), s.get("token_fingerprint").asText());
    assertEquals(token.length(), s.get("token_length").asInt());
    assertTrue(verdict(s).get("valid").asBoolean());
    assertEquals("valid", verdict(s).get("status").asText());
    assertFalse(verdict(s).has("reason"));
    JsonNode u = s.get("untrusted");
    assertEquals("HS256", u.get("header").get("alg").asText());
    assertEquals(DiagnosticsFixture.KID, u.get("header").get("kid").asText());
    assertEquals("alice", u.get("claims").get("sub").asText());
    assertEquals("2026-03-01T13:00:00Z", u.get("dates").get("expires_at").asText());
    assertEquals(43, u.get("signature_length").asInt());
    assertEquals(0, u.get("problems").size());
    JsonNode v = s.get("verified");
    assertEquals("alice", v.get("subject").asText());
    assertEquals(f.principal(token).subjectFingerprint(), v.get("subject_fingerprint").asText());
    assertEquals(2, v.get("bucket_count").asInt());
    assertEquals(f.key.fingerprint(), s.get("server_key").get("fingerprint").asText());
    assertEquals("quilt-mcp-server", s.get("expected").get("audiences").get(0).asText());
    assertTrue(
        f.logLines().stream()
            .anyMatch(
                l -> l.contains("token " + s.get("token_fingerprint").asText() + " -> valid")),
        "one log line names the token by fingerprint");
  }

  /** Records every principal whose credentials were looked at; never hands any out. */
  private static final class WatchingBroker implements CredentialsBroker {
    final List<String> statusAsked = new ArrayList<>();

    @Override
    public AwsCredentialsProvider providerFor(Principal principal) {
      throw new AssertionError("validation must never fetch credentials");
    }

    @Override
    public Optional<CredentialStatus> status(Principal principal) {
      statusAsked.add(principal.subject());
      return Optional.empty();
    }
  }

  @Test
  void anotherUsersToken_revealsOnlyWhatTheTokenSays_theSameToEveryCaller() {
    WatchingBroker broker = new WatchingBroker();
    DiagnosticsFixture f =
        track(
            new DiagnosticsFixture(
                DiagnosticsTools.Environment.WEB, true, broker, c -> c.issuers(Set.of())));
    String bobToken = f.token("bob");
    Principal bob = f.principal(bobToken);
    f.sessions.create(bob, "2025-06-18");
    Principal alice = f.principal(f.token("alice"));
    Principal carol = f.principal(f.token("carol"));
    SessionStats before = f.sessions.stats();

    JsonNode asAlice = structured(f.call(alice, TOOL, args(bobToken)));
    JsonNode asCarol = structured(f.call(carol, TOOL, args(bobToken)));

    assertEquals(asAlice, asCarol, "the answer does not depend on who asks");
    assertEquals("argument", asAlice.get("source").asText());
    assertTrue(verdict(asAlice).get("valid").asBoolean());
    assertEquals("bob", asAlice.get("verified").get("subject").asText());
    assertEquals(
        new TreeSet<>(
            List.of(
                "source",
                "token_fingerprint",
                "token_length",
                "verdict",
                "input_notes",
                "untrusted",
                "verified",
                "server_key",
                "expected")),
        names(asAlice),
        "no credential, session or cache facts");
    assertEquals(List.of(), broker.statusAsked, "no credential status looked up for any token");
    SessionStats after = f.sessions.stats();
    assertEquals(before.created() + 2, after.created(), "only the two callers' own sessions");
    assertEquals(before.active() + 2, after.active());
  }

  @Test
  void expiredToken_isExpiredWithTheTimesAndAHint() {
    DiagnosticsFixture f = web();
    String old = f.token("alice");
    f.clock.advance(Duration.ofHours(2));
    JsonNode s = validate(f, old);
    assertFalse(verdict(s).get("valid").asBoolean());
    assertEquals("invalid", verdict(s).get("status").asText());
    assertEquals("EXPIRED", verdict(s).get("reason").asText());
    String hint = verdict(s).get("hint").asText();
    assertTrue(hint.contains("expired at 2026-03-01T13:00:00Z, 3600 s before"), hint);
    assertEquals(
        "2026-03-01T13:00:00Z", s.get("untrusted").get("dates").get("expires_at").asText());
    assertFalse(s.has("verified"));
  }

  @Test
  void wrongKey_isBadSignatureNamingTheExpectedFingerprintAndTheTokensKeyId() {
    DiagnosticsFixture f = web();
    SigningKey wrong = f.otherKey(DiagnosticsFixture.KID);
    String forged =
        JwtMinter.create(wrong, f.clock).enhanced("alice").buckets(List.of("quilt-demos")).mint();
    JsonNode s = validate(f, forged);
    assertEquals("BAD_SIGNATURE", verdict(s).get("reason").asText());
    String hint = verdict(s).get("hint").asText();
    assertTrue(hint.contains("expects key fingerprint " + f.key.fingerprint()), hint);
    assertTrue(hint.contains("names key id 'frontend-enhanced'"), hint);
    assertFalse(hint.contains(wrong.fingerprint()), "the forged key's fingerprint is unknown here");
    assertEquals("alice", s.get("untrusted").get("claims").get("sub").asText());
  }

  @Test
  void unknownKeyId_isNamedInTheHint() {
    DiagnosticsFixture f = web();
    String token = JwtMinter.create(f.otherKey("rotated-2027"), f.clock).enhanced("a").mint();
    JsonNode s = validate(f, token);
    assertEquals("UNKNOWN_KEY", verdict(s).get("reason").asText());
    String hint = verdict(s).get("hint").asText();
    assertTrue(hint.contains("'rotated-2027'") && hint.contains("MCP_JWT_KID"), hint);
  }

  @Test
  void wrongAudienceAndIssuer_showWhatTheTokenSaysAndWhatIsExpected() {
    DiagnosticsFixture f = web();
    JsonNode aud = validate(f, f.minter.enhanced("alice").audience("billing-service").mint());
    assertEquals("WRONG_AUDIENCE", verdict(aud).get("reason").asText());
    String hint = verdict(aud).get("hint").asText();
    assertTrue(
        hint.contains("'billing-service'")
            && hint.contains("[quilt-mcp-server]")
            && hint.contains("MCP_JWT_AUDIENCE"),
        hint);

    JsonNode iss = validate(f, f.minter.enhanced("alice").issuer("staging-frontend").mint());
    assertEquals("WRONG_ISSUER", verdict(iss).get("reason").asText());
    assertTrue(verdict(iss).get("hint").asText().contains("'staging-frontend'"));

    JsonNode none = validate(f, f.minter.enhanced("alice").issuer(null).mint());
    assertEquals("WRONG_ISSUER", verdict(none).get("reason").asText());
    assertTrue(verdict(none).get("hint").asText().contains("(none)"));
  }

  @Test
  void malformedAndGarbage_areMalformedWithoutQuotingThem() {
    DiagnosticsFixture f = web();
    JsonNode one = validate(f, "this-is-not-a-token-at-all");
    assertEquals("MALFORMED", verdict(one).get("reason").asText());
    assertEquals(1, one.get("untrusted").get("segments").asInt());
    assertFalse(one.get("untrusted").has("header"));
    assertFalse(one.toString().contains("this-is-not-a-token"));

    JsonNode garbage = validate(f, "@@@@@@@@@@@@.############.$$$$$$$$$$$$");
    assertEquals("MALFORMED", verdict(garbage).get("reason").asText());
    assertEquals(2, garbage.get("untrusted").get("problems").size());
    assertFalse(garbage.toString().contains("@@@@"));

    String token = f.token("alice");
    JsonNode padded = validate(f, token + "=");
    assertEquals("MALFORMED", verdict(padded).get("reason").asText());
    assertTrue(padded.get("untrusted").has("claims"), "the claims are still shown");
    assertTrue(verdict(padded).get("hint").asText().contains("44 characters"));
  }

  @Test
  void pastedWithBearerPrefixQuotesAndWhitespace_isTidiedAndNoted() {
    DiagnosticsFixture f = web();
    String token = f.token("alice");
    JsonNode s = validate(f, "  Bearer \"" + token + "\"\n");
    assertTrue(verdict(s).get("valid").asBoolean(), s.toString());
    assertEquals(3, s.get("input_notes").size());
    assertEquals(
        "sha256:" + BearerToken.of(token).fingerprint(), s.get("token_fingerprint").asText());
  }

  @Test
  void noneAlgorithm_inAnyCasing_isUnsupported() {
    DiagnosticsFixture f = web();
    String payload = "{\"sub\":\"alice\",\"exp\":" + (1_772_370_000L + 3600) + "}";
    for (String alg : new String[] {"none", "NoNe"}) {
      String token =
          b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}")
              + "."
              + b64(payload)
              + "."
              + "A".repeat(43);
      JsonNode s = validate(f, token);
      assertEquals("UNSUPPORTED_ALGORITHM", verdict(s).get("reason").asText());
      assertTrue(verdict(s).get("hint").asText().contains("unsigned"));
      assertEquals(alg, s.get("untrusted").get("header").get("alg").asText());
    }
    String jwe = b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".AAAA.BBBB.CCCC.DDDD";
    JsonNode e = validate(f, jwe);
    assertEquals("UNSUPPORTED_ALGORITHM", verdict(e).get("reason").asText());
    assertTrue(verdict(e).get("hint").asText().contains("JWE"));
  }

  @Test
  void oversizedTokens_areTooLargeOrRefusedByTheSchema_neverEchoed() {
    DiagnosticsFixture f = web();
    String big = f.minter.enhanced("alice").claim("padding", "p".repeat(20_000)).mint();
    JsonNode s = validate(f, big);
    assertEquals("TOO_LARGE", verdict(s).get("reason").asText());
    assertTrue(verdict(s).get("hint").asText().contains("at most 16384"));
    assertTrue(s.get("untrusted").get("shortened").asBoolean());

    String huge = f.remember("eyJ" + "h".repeat(70_000));
    JsonNode refused = f.call(f.principal(f.token("alice")), TOOL, args(huge));
    assertTrue(refused.get("isError").asBoolean());
    String message = refused.get("content").get(0).get("text").asText();
    assertTrue(message.contains("65536"), message);
    assertFalse(message.contains("hhhhhhhhhh"));
  }

  @Test
  void hostileClaims_secretLikeValuesAndNestedTokens_areRedacted() {
    DiagnosticsFixture f = web();
    String nested = f.token("someone-else");
    String token =
        f.minter
            .enhanced("alice")
            .claim("aws_secret_access_key", f.secret)
            .claim("note", "forwarded: Bearer " + nested)
            .claim("ctl", "x\u001b[2Jy\u202e")
            .mint();
    JsonNode s = validate(f, token);
    assertTrue(verdict(s).get("valid").asBoolean());
    JsonNode claims = s.get("untrusted").get("claims");
    assertEquals(
        "[redacted: " + f.secret.length() + " characters]",
        claims.get("aws_secret_access_key").asText());
    assertTrue(claims.get("note").asText().startsWith("[redacted"));
    assertEquals("x\uFFFD[2Jy\uFFFD", claims.get("ctl").asText());
    assertEquals(2, s.get("untrusted").get("redacted_values").asInt());
  }

  @Test
  void pastedSigningSecret_isRecognisedButNeverShown() {
    DiagnosticsFixture f = web();
    JsonNode s = validate(f, f.secret);
    assertEquals("MALFORMED", verdict(s).get("reason").asText());
    assertTrue(
        s.get("input_notes").get(0).asText().contains("signing secret itself"),
        s.get("input_notes").toString());
  }

  @Test
  void desktopWithoutKey_decodesButDoesNotJudge_andNeedsATokenFromSomewhere() {
    DiagnosticsFixture f =
        track(new DiagnosticsFixture(DiagnosticsTools.Environment.DESKTOP, false, null, c -> {}));
    String token = f.remember(f.minter.enhanced("alice").mint());
    JsonNode s = structured(f.call(TestPrincipals.desktop(), TOOL, args(token)));
    assertFalse(verdict(s).get("valid").asBoolean());
    assertEquals("not_checked", verdict(s).get("status").asText());
    assertFalse(verdict(s).has("reason"));
    assertEquals("alice", s.get("untrusted").get("claims").get("sub").asText());
    assertFalse(s.get("server_key").get("available").asBoolean());
    assertFalse(s.has("expected"));

    JsonNode none = f.call(TestPrincipals.desktop(), TOOL, "{}");
    assertTrue(none.get("isError").asBoolean());
    assertTrue(none.get("content").get(0).get("text").asText().contains("'token' argument"));
  }

  private static Set<String> names(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
