package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.TestTokens.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.jwt.internal.UntrustedJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Display decoding of tokens nobody has verified: what is shown, what is bounded, what never. */
class UnverifiedTokenTest {
  private static final String SIG = "A".repeat(43);

  private static String unsigned(String header, String payload) {
    return b64(header) + "." + b64(payload) + "." + SIG;
  }

  /** Every 20-character stretch of every segment: none may appear in anything shown. */
  private static void assertNoTokenText(String token, UnverifiedToken t) {
    String shown =
        t.header().map(JsonNode::toString).orElse("")
            + t.claims().map(JsonNode::toString).orElse("")
            + t.problems()
            + t;
    for (String segment : token.split("\\.")) {
      for (int i = 0; i + 20 <= segment.length(); i += 10) {
        assertFalse(shown.contains(segment.substring(i, i + 20)), "token text shown: " + shown);
      }
    }
  }

  @Test
  void signedToken_showsHeaderClaimsAndDatesButNeverItsText() throws Exception {
    String token = TestTokens.sign(TestTokens.header(), TestTokens.payload());
    UnverifiedToken t = UnverifiedToken.decode(token);

    assertEquals(3, t.segments());
    assertEquals(43, t.signatureLength());
    assertEquals(token.length(), t.length());
    assertEquals(Optional.of("HS256"), t.headerText("alg"));
    assertEquals(Optional.of(TestTokens.KID), t.headerText("kid"));
    assertEquals(Optional.of("alice"), t.claimText("sub"));
    assertEquals(Optional.of(TestTokens.NOW.plusSeconds(3600)), t.claimDate("exp"));
    assertEquals(Optional.of(TestTokens.NOW), t.claimDate("iat"));
    assertEquals(Optional.empty(), t.claimDate("nbf"));
    assertTrue(t.problems().isEmpty(), t.problems().toString());
    assertFalse(t.shortened());
    assertEquals(0, t.redactedValues());
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    assertEquals("sha256:" + HexFormat.of().formatHex(digest, 0, 6), t.fingerprint());
    assertNoTokenText(token, t);
  }

  @Test
  void emptyNullAndOversizedInput_areNotDecoded() {
    for (String text : new String[] {null, ""}) {
      UnverifiedToken t = UnverifiedToken.decode(text);
      assertEquals(Optional.empty(), t.header());
      assertEquals(1, t.problems().size());
    }
    String huge = unsigned("{\"alg\":\"HS256\"}", "{\"sub\":\"x\"}") + "A".repeat(70_000);
    UnverifiedToken t = UnverifiedToken.decode(huge);
    assertEquals(Optional.empty(), t.header());
    assertEquals(Optional.empty(), t.claims());
    assertTrue(t.problems().get(0).contains("longer than 65536"), t.problems().toString());
  }

  @Test
  void garbageBase64_isReportedPerSegmentWithoutQuotingIt() {
    String token = "!!not*base64!!.@@@also-not@@@.sig";
    UnverifiedToken t = UnverifiedToken.decode(token);
    assertEquals(Optional.empty(), t.header());
    assertEquals(Optional.empty(), t.claims());
    assertEquals(2, t.problems().size());
    assertTrue(t.problems().get(0).startsWith("the header segment is not strict base64url"));
    assertFalse(t.problems().toString().contains("not*base64"));
  }

  @Test
  void segmentCounts_jweShowsOnlyItsHeader_otherCountsExplainThemselves() {
    UnverifiedToken jwe =
        UnverifiedToken.decode(b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + ".x.AAAA.BBBB.CCCC");
    assertEquals(5, jwe.segments());
    assertEquals(Optional.of("A256GCM"), jwe.headerText("enc"));
    assertEquals(Optional.empty(), jwe.claims());
    assertTrue(jwe.problems().get(0).contains("encrypted (JWE)"));

    UnverifiedToken one = UnverifiedToken.decode("justonesegment");
    assertEquals(1, one.segments());
    assertEquals(Optional.empty(), one.header());

    UnverifiedToken two = UnverifiedToken.decode(b64("{\"alg\":\"none\"}") + "." + b64("{}"));
    assertEquals(2, two.segments());
    assertEquals(Optional.of("none"), two.headerText("alg"));
    assertEquals(Optional.empty(), two.claims());
    assertTrue(two.problems().get(0).contains("2 dot-separated"));
  }

  @Test
  void invalidJson_duplicateKeysAndNonObjects_areProblemsNotExceptions() {
    UnverifiedToken notJson = UnverifiedToken.decode(unsigned("{\"alg\":", "[1,2]"));
    assertEquals(Optional.empty(), notJson.header());
    assertEquals(Optional.empty(), notJson.claims());
    assertEquals(2, notJson.problems().size());

    UnverifiedToken duplicate =
        UnverifiedToken.decode(unsigned("{\"alg\":\"HS256\",\"alg\":\"none\"}", "{}"));
    assertEquals(Optional.empty(), duplicate.header());
    assertTrue(duplicate.problems().get(0).contains("repeats a key"));

    UnverifiedToken longNumber =
        UnverifiedToken.decode(unsigned("{}", "{\"exp\":" + "9".repeat(100) + "}"));
    assertEquals(Optional.empty(), longNumber.claims());

    UnverifiedToken notUtf8 =
        UnverifiedToken.decode(
            b64("{}") + "." + b64(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}) + ".x");
    assertEquals(Optional.empty(), notUtf8.claims());
  }

  @Test
  void strings_hidingCharactersAreReplacedAndLongOnesCut() {
    String payload =
        "{\"sub\":\"al\\u202eice\\u0007\\ud800\",\"note\":\"" + "n".repeat(1000) + "\"}";
    UnverifiedToken t = UnverifiedToken.decode(unsigned("{}", payload));
    assertEquals(Optional.of("al\uFFFDice\uFFFD\uFFFD"), t.claimText("sub"));
    String note = t.claimText("note").orElseThrow();
    assertTrue(note.startsWith("n".repeat(UntrustedJson.MAX_STRING_CHARS)));
    assertTrue(note.endsWith("...[+744 characters]"), note);
    assertTrue(t.shortened());
  }

  @Test
  void credentialLikeMembers_tokensAndAccessKeys_areRedacted() {
    String nested = TestTokens.sign(TestTokens.header(), TestTokens.payload());
    String payload =
        "{\"sub\":\"alice\",\"aws_secret_access_key\":\"wJalrXUtnFEMI-CANARY-SECRET\","
            + "\"SessionToken\":\"CANARY-SESSION\",\"Password\":7,"
            + "\"upstream\":\"Bearer "
            + nested
            + "\",\"key\":\"AKIAABCDEFGHIJKLMNOP\",\"creds\":{\"client_secret\":\"CANARY-CLIENT\"}}";
    UnverifiedToken t =
        UnverifiedToken.decode(
            unsigned(
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"CANARY-JWK\"}}", payload));
    String shown = t.header().orElseThrow().toString() + t.claims().orElseThrow();
    for (String canary :
        new String[] {"CANARY", "AKIAABCDEFGHIJKLMNOP", nested.substring(0, 30), "wJalr"}) {
      assertFalse(shown.contains(canary), canary + " shown in " + shown);
    }
    assertEquals("[redacted: 27 characters]", t.claimText("aws_secret_access_key").orElseThrow());
    assertEquals(Optional.of("alice"), t.claimText("sub"));
    assertEquals(7, t.redactedValues());
  }

  @Test
  void largeAndDeepDocuments_areBoundedInEveryDirection() {
    StringBuilder members = new StringBuilder("{\"sub\":\"x\"");
    for (int i = 0; i < 100; i++) {
      members.append(",\"m").append(i).append("\":[");
      for (int j = 0; j < 100; j++) {
        members.append(j == 0 ? "" : ",").append(j);
      }
      members.append(']');
    }
    members.append(",\"deep\":[[[[[[[[[[1]]]]]]]]]]}");
    UnverifiedToken t = UnverifiedToken.decode(unsigned("{}", members.toString()));
    ObjectNode claims = t.claims().orElseThrow();
    assertTrue(t.shortened());
    assertTrue(countValues(claims) <= UntrustedJson.MAX_NODES + UntrustedJson.MAX_ENTRIES + 2);
    assertTrue(claims.size() <= UntrustedJson.MAX_ENTRIES + 1);
    assertEquals("[+36 more item(s)]", claims.get("m0").get(UntrustedJson.MAX_ENTRIES).asText());
    assertTrue(claims.has("(not shown)"));

    UnverifiedToken deep =
        UnverifiedToken.decode(unsigned("{}", "{\"deep\":[[[[[[[[[[1]]]]]]]]]]}"));
    JsonNode node = deep.claims().orElseThrow().get("deep");
    int depth = 1;
    while (node.isArray()) {
      node = node.get(0);
      depth++;
    }
    assertEquals("[nested too deeply to show]", node.asText());
    assertEquals(UntrustedJson.MAX_DEPTH, depth);
  }

  @Test
  void dates_outOfRangeOrNotFinite_areNotDates() {
    UnverifiedToken t =
        UnverifiedToken.decode(
            unsigned("{}", "{\"exp\":1e999,\"iat\":-5,\"nbf\":253402300800,\"x\":1.5e9}"));
    assertEquals(Optional.empty(), t.claimDate("exp"));
    assertEquals("[not a finite number]", t.claims().orElseThrow().get("exp").asText());
    assertEquals(Optional.empty(), t.claimDate("iat"));
    assertEquals(Optional.empty(), t.claimDate("nbf"));
    assertEquals(Optional.of(Instant.ofEpochSecond(1_500_000_000L)), t.claimDate("x"));
  }

  @Test
  void tokenShapeDetection_isLinearAndExact() {
    assertTrue(UntrustedJson.containsTokenLike("x eyJhbGciOiJIUzI1.eyJzdWIi.sig y"));
    assertTrue(UntrustedJson.containsTokenLike("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
    assertFalse(UntrustedJson.containsTokenLike("production-data.analytics-team.us-east-1"));
    assertFalse(UntrustedJson.containsTokenLike("eyJshort.a.b"));
    assertFalse(UntrustedJson.containsTokenLike("eyJ".repeat(20_000)));
    assertFalse(UntrustedJson.containsAccessKeyId("A".repeat(50_000)));
    assertTrue(UntrustedJson.containsAccessKeyId("id=ASIA0123456789ABCDEF;"));
  }

  @Property(tries = 300)
  void anyText_decodesWithoutThrowing(@ForAll @StringLength(max = 400) String text) {
    UnverifiedToken t = UnverifiedToken.decode(text);
    assertEquals(text.length(), t.length());
    assertEquals(text.isEmpty() ? 0 : text.split("\\.", -1).length, t.segments());
    if (t.problems().isEmpty()) {
      assertEquals(3, t.segments());
      assertTrue(t.header().isPresent() && t.claims().isPresent());
    }
    if (t.header().isPresent()) {
      assertTrue(t.segments() >= 2);
    }
  }

  @Property(tries = 200)
  void anyPayload_decodesToABoundedCopy(@ForAll @StringLength(max = 300) String value) {
    String payload = "{\"v\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(value) + "}";
    UnverifiedToken t = UnverifiedToken.decode(unsigned("{}", payload));
    String shown = t.claimText("v").orElseThrow();
    assertTrue(shown.length() <= UntrustedJson.MAX_STRING_CHARS + 32);
    shown
        .codePoints()
        .forEach(cp -> assertFalse(Character.isISOControl(cp), "control character shown"));
  }

  private static int countValues(JsonNode node) {
    int n = 1;
    for (JsonNode child : node) {
      n += countValues(child);
    }
    return n;
  }
}
