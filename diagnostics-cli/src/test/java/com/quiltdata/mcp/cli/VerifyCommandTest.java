package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.JwtMinter;
import com.quiltdata.mcp.jwt.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String KID = "frontend-enhanced";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final Canaries canaries = new Canaries();
  @TempDir Path dir;

  private CliRun cli() {
    return CliRun.with(canaries).clock(CLOCK);
  }

  private static String token(String secret, String kid, Clock at) {
    return JwtMinter.create(SigningKey.ofUtf8(kid, secret), at)
        .enhanced("alice")
        .buckets(List.of("quilt-demos"))
        .permissions(List.of("s3:GetObject"))
        .mint();
  }

  private static String token(String secret) {
    return token(secret, KID, CLOCK);
  }

  @Test
  void matchingSecret_valid_exitZeroWithClaims() {
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET))
            .run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--kid", KID);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("VALID"), r::toString);
    assertTrue(r.out().contains(SigningKey.ofUtf8(KID, Canaries.SECRET).fingerprint()));
    assertTrue(r.out().contains("buckets      1: quilt-demos"), r::toString);
  }

  @Test
  void otherSecret_badSignature_showsConfiguredFingerprintAndTokenKid() throws Exception {
    String signerSecret = Canaries.strongSecret();
    CliRun.Result r =
        cli()
            .stdin(token(signerSecret, "catalog-2026", CLOCK))
            .run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--json");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    JsonNode json = JSON.readTree(r.out());
    assertEquals("BAD_SIGNATURE", json.get("reason").asText());
    assertEquals(
        SigningKey.ofUtf8(null, Canaries.SECRET).fingerprint(),
        json.at("/key/fingerprint").asText());
    assertEquals("catalog-2026", json.at("/token/keyId").asText());
    assertTrue(json.get("hint").asText().contains("fingerprint"), r::toString);
  }

  @Test
  void otherKid_unknownKey_textNamesBothKids() {
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET, "other-kid", CLOCK))
            .run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--kid", KID);
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().startsWith("INVALID      UNKNOWN_KEY"), r::toString);
    assertTrue(r.out().contains("token kid    other-kid"), r::toString);
    assertTrue(r.out().contains("key kid      " + KID), r::toString);
    assertTrue(r.out().contains("hint         "), r::toString);
  }

  @Test
  void expiredToken_reasonTimesAndHint() {
    String old =
        token(Canaries.SECRET, KID, Clock.fixed(NOW.minus(Duration.ofHours(3)), ZoneOffset.UTC));
    CliRun.Result r =
        cli().stdin(old).run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--kid", KID);
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().startsWith("INVALID      EXPIRED"), r::toString);
    assertTrue(r.out().contains("(2 h ago)"), r::toString);
    assertTrue(r.out().contains("fresh token"), r::toString);
  }

  @Test
  void wrongAudience_showsTokenAudienceAndAccepted() {
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET))
            .run(
                "verify",
                "--secret-env",
                Canaries.SECRET_VARIABLE,
                "--kid",
                KID,
                "--audience",
                "mcp-prod,mcp-staging");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().contains("WRONG_AUDIENCE"), r::toString);
    assertTrue(r.out().contains("token aud    \"quilt-mcp-server\""), r::toString);
    assertTrue(r.out().contains("accepted     mcp-prod, mcp-staging"), r::toString);
  }

  @Test
  void serverEnv_usesServerVariablesIncludingIssuer() {
    CliRun.Result ok =
        cli()
            .env("MCP_ENHANCED_JWT_SECRET", Canaries.SECRET)
            .env("MCP_JWT_KID", KID)
            .env("MCP_JWT_ISSUER", "quilt-frontend")
            .stdin(token(Canaries.SECRET))
            .run("verify", "--server-env");
    assertEquals(0, ok.exit(), ok::toString);
    CliRun.Result wrong =
        cli()
            .env("MCP_JWT_SECRET", Canaries.SECRET)
            .env("MCP_JWT_KID", KID)
            .env("MCP_JWT_ISSUER", "someone-else")
            .stdin(token(Canaries.SECRET))
            .run("verify", "--server-env");
    assertEquals(ExitCode.INVALID_TOKEN.code(), wrong.exit(), wrong::toString);
    assertTrue(wrong.out().contains("WRONG_ISSUER"), wrong::toString);
    assertTrue(wrong.out().contains("token iss    quilt-frontend"), wrong::toString);
  }

  @Test
  void secretFile_readLikeTheServer() throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, Canaries.SECRET + "\n");
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET))
            .run("verify", "--secret-file", file.toString(), "--kid", KID);
    assertEquals(0, r.exit(), r::toString);
  }

  @Test
  void missingSecretFile_configError() {
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET))
            .run("verify", "--secret-file", dir.resolve("absent").toString());
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("does not exist"), r::toString);
  }

  @Test
  void unsetVariable_configError() {
    CliRun.Result r = cli().stdin(token(Canaries.SECRET)).run("verify", "--secret-env", "NOPE");
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("NOPE is not set"), r::toString);
  }

  @Test
  void secretPastedInsteadOfName_usageError_valueNotEchoed() {
    String pasted = Canaries.strongSecret() + "+/=";
    CliRun.Result r = cli().stdin(token(Canaries.SECRET)).run("verify", "--secret-env", pasted);
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("takes the NAME of an environment variable"), r::toString);
  }

  @Test
  void shortSecret_configErrorNamingLength() {
    CliRun.Result r =
        cli()
            .env("SHORT", "too-short-secret")
            .stdin(token(Canaries.SECRET))
            .run("verify", "--secret-env", "SHORT");
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("16 bytes"), r::toString);
    assertTrue(!r.all().contains("too-short-secret"), r::toString);
  }

  @Test
  void noSecretSource_usageError() {
    CliRun.Result r = cli().stdin(token(Canaries.SECRET)).run("verify");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("--secret-env"), r::toString);
  }

  @Test
  void twoSecretSources_usageError() {
    CliRun.Result r =
        cli()
            .stdin(token(Canaries.SECRET))
            .run("verify", "--secret-env", Canaries.SECRET_VARIABLE, "--server-env");
    assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("mutually exclusive"), r::toString);
  }

  @Test
  void base64Encoding_decodesSecret() {
    String encoded =
        java.util.Base64.getEncoder().encodeToString(Canaries.strongSecret().getBytes());
    Canaries.forbid(encoded);
    byte[] raw = java.util.Base64.getDecoder().decode(encoded);
    String t = JwtMinter.create(SigningKey.of(KID, raw), CLOCK).enhanced("alice").mint();
    CliRun.Result r =
        cli()
            .env("B64", encoded)
            .stdin(t)
            .run("verify", "--secret-env", "B64", "--encoding", "base64", "--kid", KID);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains(SigningKey.fingerprintOf(raw)), r::toString);
  }
}
