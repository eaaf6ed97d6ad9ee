package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.jwt.BucketCompression;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final Canaries canaries = new Canaries();
  @TempDir Path dir;

  private CliRun cli() {
    return CliRun.with(canaries).clock(CLOCK);
  }

  private static JwtMinter minter() {
    return JwtMinter.create(SigningKey.ofUtf8("frontend-enhanced", Canaries.SECRET), CLOCK);
  }

  private static List<String> manyBuckets() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add("quilt-team" + i + "-raw");
    }
    return names;
  }

  @Test
  void stdin_canaryToken_showsClaimsAndFingerprintNeverTheToken() {
    CliRun.Result r = cli().stdin(Canaries.TOKEN + "\n").run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("UNTRUSTED"), r::toString);
    assertTrue(r.out().contains("sha256:" + BearerToken.of(Canaries.TOKEN).fingerprint()));
    assertTrue(r.out().contains("canary-user (from 'sub')"), r::toString);
    assertTrue(r.out().contains("quilt-canary"), r::toString);
    assertTrue(r.out().contains("\"kid\":\"frontend-enhanced\""), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void json_groupsCompressedBuckets_expandedAndAbbreviationsNamed() throws Exception {
    String token =
        minter()
            .enhanced("alice")
            .buckets(manyBuckets())
            .compression(BucketCompression.GROUPS)
            .permissions(List.of("s3:GetObject", "s3:ListBucket"))
            .form(JwtMinter.ClaimForm.SHORT)
            .mint();
    CliRun.Result r = cli().stdin(token).run("decode", "--json");
    assertEquals(0, r.exit(), r::toString);
    JsonNode json = JSON.readTree(r.out());
    assertFalse(json.get("trusted").asBoolean());
    assertEquals("b", json.at("/buckets/claim").asText());
    assertEquals("groups", json.at("/buckets/form").asText());
    List<String> names = new ArrayList<>();
    json.at("/buckets/names").forEach(n -> names.add(n.asText()));
    assertEquals(manyBuckets(), names);
    assertEquals("p", json.at("/permissions/claim").asText());
    assertEquals("g", json.at("/permissions/entries/0/entry").asText());
    assertEquals("s3:GetObject", json.at("/permissions/entries/0/action").asText());
    assertEquals("s3:ListBucket", json.at("/permissions/actions/1").asText());
    assertEquals("alice", json.at("/subject/value").asText());
    assertEquals(NOW.plus(Duration.ofHours(1)).toString(), json.at("/times/exp/utc").asText());
    assertEquals("in 1 h", json.at("/times/exp/relative").asText());
    assertEquals("enhanced", json.get("kind").asText());
  }

  @Test
  void text_unknownAbbreviationAndWildcard_reportedAsGrantingNothing() {
    String token =
        minter()
            .enhanced("bob")
            .claim("p", List.of("g", "zz", "s3:*"))
            .form(JwtMinter.ClaimForm.SHORT)
            .mint();
    CliRun.Result r = cli().stdin(token).run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("g -> s3:GetObject"), r::toString);
    assertTrue(r.out().contains("zz  (unknown: dropped, grants nothing)"), r::toString);
    assertTrue(r.out().contains("s3:*  (wildcard: never expanded, grants nothing)"), r::toString);
  }

  @Test
  void bearerPrefixAndFile_accepted() throws Exception {
    Path file = dir.resolve("token.txt");
    Files.writeString(file, "Authorization: Bearer " + Canaries.TOKEN + "\r\n");
    CliRun.Result r = cli().run("decode", "--file", file.toString());
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("canary-user"));
  }

  @Test
  void argument_works_butWarnsAboutShellHistory() {
    CliRun.Result r = cli().run("decode", Canaries.TOKEN);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().contains("shell history"), r::toString);
  }

  @Test
  void interactiveTerminal_readsHiddenInput() {
    CliRun.Result r = cli().terminal(Canaries.TOKEN).run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("canary-user"), r::toString);
  }

  @Test
  void emptyInput_usageExit() {
    CliRun.Result r = cli().stdin("  \n").run("decode");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().startsWith("error: no token in the input"), r::toString);
    assertTrue(r.err().contains("hint: "), r::toString);
  }

  @Test
  void missingFile_usageExit() {
    CliRun.Result r = cli().run("decode", "--file", dir.resolve("nope").toString());
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("does not exist"), r::toString);
  }

  @Test
  void oversizedInput_invalidTokenExitWithoutReadingItAll() {
    String huge = Canaries.TOKEN + "A".repeat(70_000);
    CliRun.Result r = cli().stdin(huge).run("decode", "--json");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().contains("\"reason\" : \"TOO_LARGE\""), r::toString);
  }

  @Test
  void notAToken_invalidTokenExit_inputNotEchoed() {
    String garbage = "this-is-not-a-token-" + Canaries.SECRET;
    CliRun.Result r = cli().stdin(garbage).run("decode");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("dot-separated part"), r::toString);
  }

  @Test
  void jwe_fiveParts_namedAsUnsupported() {
    CliRun.Result r = cli().stdin("eyJhbGciOiJkaXIifQ.a.b.c.d").run("decode", "--json");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().contains("UNSUPPORTED_ALGORITHM"), r::toString);
  }

  @Test
  void paddedSegments_decodedButNotedAsRejectedByServer() {
    String[] parts = Canaries.TOKEN.split("\\.");
    String padded = parts[0] + "==." + parts[1] + "." + parts[2];
    CliRun.Result r = cli().stdin(padded).run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("'=' padding"), r::toString);
  }

  @Test
  void hostileClaims_controlCharactersNeutralised_credentialClaimsRedacted() throws Exception {
    String escape = "\u001b[2J\u202e";
    String token =
        minter()
            .enhanced("mallory" + escape)
            .claim("aws_secret_access_key", "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY")
            .mint();
    CliRun.Result text = cli().stdin(token).run("decode");
    assertEquals(0, text.exit(), text::toString);
    assertFalse(text.out().contains("\u001b"), "raw ESC reached the terminal");
    assertFalse(text.out().contains("\u202e"), "raw bidi override reached the terminal");
    assertTrue(text.out().contains("\\u{1B}[2J\\u{202E}"), text::toString);
    assertFalse(text.all().contains("wJalrXUtnFEMI"), text::toString);
    assertTrue(text.out().contains("[redacted: 40 characters"), text::toString);
    CliRun.Result json = cli().stdin(token).run("decode", "--json");
    assertFalse(json.out().contains("\u001b"));
    assertFalse(json.all().contains("wJalrXUtnFEMI"), json::toString);
    assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(json.out()), "JSON is ASCII-only");
  }

  @Test
  void nativeToken_kindAndSubjectFromId() {
    String token = minter().nativeToken("user-42", Duration.ofMinutes(30));
    CliRun.Result r = cli().stdin(token).run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("native (issued by the registry"), r::toString);
    assertTrue(r.out().contains("user-42 (from 'id')"), r::toString);
  }

  @Test
  void expiredAndNoSubject_notesSayWhatTheServerWouldDo() {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload = b64("{\"exp\":" + NOW.minusSeconds(7200).getEpochSecond() + ",\"iss\":\"x\"}");
    String token = header + "." + payload + "." + "A".repeat(42) + "E";
    CliRun.Result r = cli().stdin(token).run("decode");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("(2 h ago)"), r::toString);
    assertTrue(r.out().contains("no 'sub', 'id' or 'uuid'"), r::toString);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
