package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.TokenKind;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MintCommandTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final Canaries canaries = new Canaries();

  private CliRun cli() {
    return CliRun.with(canaries).clock(CLOCK);
  }

  private static QuiltClaims verifyIndependently(String token, String kid) {
    SigningKey key = SigningKey.ofUtf8(kid, Canaries.SECRET);
    return JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(CLOCK).build())
        .verify(token);
  }

  @Test
  void tokenOnStdout_warningOnStderr_verifiesWithTheSameSecret() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--kid",
                "frontend-enhanced",
                "--subject",
                "alice",
                "--bucket",
                "quilt-demos,quilt-sales-raw",
                "--bucket",
                "fl-158-raw",
                "--permission",
                "g,l,s3:PutObject",
                "--role",
                "admin",
                "--ttl",
                "15m");
    assertEquals(0, r.exit(), r::toString);
    String token = r.out().strip();
    assertEquals(1, r.out().lines().count(), "stdout carries the token only");
    assertTrue(r.err().startsWith("warning: DEVELOPMENT token sha256:"), r::toString);
    assertTrue(
        r.err().contains(SigningKey.ofUtf8("frontend-enhanced", Canaries.SECRET).fingerprint()));
    QuiltClaims claims = verifyIndependently(token, "frontend-enhanced");
    assertEquals("alice", claims.subject());
    assertEquals(List.of("quilt-demos", "quilt-sales-raw", "fl-158-raw"), claims.buckets());
    assertEquals(List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject"), claims.permissions());
    assertEquals(List.of("admin"), claims.roles());
    assertEquals(NOW.plus(Duration.ofMinutes(15)), claims.expiresAt());

    CliRun.Result verified =
        cli()
            .stdin(token)
            .run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--kid", "frontend-enhanced");
    assertEquals(0, verified.exit(), verified::toString);
  }

  @Test
  void shortFormWithPatterns_decodeShowsTheSameBuckets() throws Exception {
    List<String> buckets = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      buckets.add("quilt-data" + i);
    }
    for (int i = 0; i < 9; i++) {
      buckets.add("cellpainting-" + i);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "bob",
                "--form",
                "short",
                "--compression",
                "patterns",
                "--permission",
                "g"));
    buckets.forEach(b -> args.addAll(List.of("--bucket", b)));
    CliRun.Result minted = cli().run(args);
    assertEquals(0, minted.exit(), minted::toString);
    CliRun.Result decoded = cli().stdin(minted.out()).run("decode", "--json");
    assertEquals(0, decoded.exit(), decoded::toString);
    JsonNode json = JSON.readTree(decoded.out());
    assertEquals("b", json.at("/buckets/claim").asText());
    assertEquals("patterns", json.at("/buckets/form").asText());
    List<String> names = new ArrayList<>();
    json.at("/buckets/names").forEach(n -> names.add(n.asText()));
    assertEquals(buckets, names);
    assertEquals("g", json.at("/permissions/entries/0/entry").asText());
  }

  @Test
  void nativeToken_idAndUuidOnly() {
    CliRun.Result r =
        cli().run("mint", "--secret-env", Canaries.SECRET_VARIABLE, "--subject", "u-7", "--native");
    assertEquals(0, r.exit(), r::toString);
    QuiltClaims claims = verifyIndependently(r.out().strip(), null);
    assertEquals(TokenKind.NATIVE, claims.kind());
    assertEquals("u-7", claims.subject());
  }

  @Test
  void json_tokenFingerprintAndKey() throws Exception {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "carol",
                "--json",
                "--audience",
                "none");
    assertEquals(0, r.exit(), r::toString);
    JsonNode json = JSON.readTree(r.out());
    QuiltClaims claims = verifyIndependently(json.get("token").asText(), null);
    assertTrue(claims.audiences().isEmpty());
    assertEquals(
        SigningKey.ofUtf8(null, Canaries.SECRET).fingerprint(),
        json.get("keyFingerprint").asText());
    assertEquals(NOW.plus(Duration.ofHours(1)).toString(), json.get("expiresAt").asText());
  }

  @Test
  void unknownPermission_usageError() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "a",
                "--permission",
                "zz");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("unknown permission(s): zz"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void ttlBeyondServerMaximum_usageError() {
    CliRun.Result r =
        cli()
            .run(
                "mint", "--secret-env", Canaries.SECRET_VARIABLE, "--subject", "a", "--ttl", "25h");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("LIFETIME_TOO_LONG"), r::toString);
  }

  @Test
  void badTtlSyntax_usageError_valueNotEchoed() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "a",
                "--ttl",
                "soon-ish");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("--ttl"), r::toString);
    assertTrue(!r.err().contains("soon-ish"), r::toString);
  }

  @Test
  void invalidBucketName_mintedWithWarning_droppedByVerification() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "a",
                "--bucket",
                "Bad_Bucket,quilt-ok");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().contains("'Bad_Bucket' is not a valid S3 bucket name"), r::toString);
    assertEquals(List.of("quilt-ok"), verifyIndependently(r.out().strip(), null).buckets());
  }

  @Test
  void missingSubject_usageError() {
    CliRun.Result r = cli().run("mint", "--secret-env", Canaries.SECRET_VARIABLE);
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("--subject"), r::toString);
  }

  @Test
  void groupsForDashlessName_usageErrorSayingWhy() {
    CliRun.Result r =
        cli()
            .run(
                "mint",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--subject",
                "a",
                "--bucket",
                "demos",
                "--form",
                "short",
                "--compression",
                "groups");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("cannot be built"), r::toString);
  }
}
