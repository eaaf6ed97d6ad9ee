package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.jwt.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FingerprintCommandTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PARAM = "/quilt/mcp-server/jwt-secret";

  @RegisterExtension final Canaries canaries = new Canaries();

  private CliRun cli() {
    return CliRun.with(canaries).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void firstLineIsSigningKeyFingerprint() {
    CliRun.Result r = cli().run("fingerprint", "--secret-env", Canaries.SECRET_VARIABLE);
    assertEquals(0, r.exit(), r::toString);
    String first = r.out().lines().findFirst().orElseThrow();
    assertEquals(SigningKey.ofUtf8(null, Canaries.SECRET).fingerprint(), first);
    assertTrue(first.matches("kfp1:[0-9a-f]{16}"), first);
  }

  @Test
  void differentSecrets_differentFingerprints_sameSecretSameFingerprint() throws Exception {
    String other = Canaries.strongSecret();
    JsonNode a = json(cli().run("fingerprint", "--secret-env", Canaries.SECRET_VARIABLE, "--json"));
    JsonNode b =
        json(cli().env("OTHER", other).run("fingerprint", "--secret-env", "OTHER", "--json"));
    JsonNode c =
        json(
            cli()
                .env("MCP_JWT_SECRET", Canaries.SECRET)
                .run("fingerprint", "--server-env", "--json"));
    assertNotEquals(a.get("fingerprint").asText(), b.get("fingerprint").asText());
    assertEquals(a.get("fingerprint").asText(), c.get("fingerprint").asText());
    assertEquals(SigningKey.ofUtf8(null, other).fingerprint(), b.get("fingerprint").asText());
    assertEquals("env", c.get("source").asText());
    assertEquals("MCP_JWT_SECRET", c.get("location").asText());
    assertEquals(Canaries.SECRET.length(), c.get("length").asInt());
  }

  @Test
  void weakSecret_warnedWithoutShowingIt() {
    String weak = Canaries.MARKER + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    Canaries.forbid(weak);
    CliRun.Result r = cli().env("WEAK", weak).run("fingerprint", "--secret-env", "WEAK");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("strength     WEAK: "), r::toString);
    assertTrue(r.err().contains("openssl rand -base64 48"), r::toString);
  }

  @Test
  void ssmParameter_readThroughAuthCoreWithPreviousVersion() throws Exception {
    String previous = Canaries.strongSecret();
    try (SsmStub ssm = SsmStub.start(PARAM)) {
      ssm.put(previous, NOW.minus(Duration.ofDays(30)));
      ssm.put(Canaries.SECRET, NOW.minus(Duration.ofMinutes(10)));
      CliRun.Result r =
          cli()
              .env("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST")
              .env("AWS_SECRET_ACCESS_KEY", Canaries.strongSecret())
              .run(
                  "fingerprint",
                  "--ssm-parameter",
                  PARAM,
                  "--region",
                  "us-east-1",
                  "--ssm-endpoint",
                  ssm.endpoint(),
                  "--kid",
                  "frontend-enhanced",
                  "--json");
      assertEquals(0, r.exit(), r::toString);
      JsonNode json = JSON.readTree(r.out());
      assertEquals(
          SigningKey.ofUtf8("frontend-enhanced", Canaries.SECRET).fingerprint(),
          json.get("fingerprint").asText());
      assertEquals("ssm", json.get("source").asText());
      assertEquals(PARAM, json.get("location").asText());
      assertEquals(
          SigningKey.ofUtf8("frontend-enhanced", previous).fingerprint(),
          json.at("/previous/0/fingerprint").asText());
      assertTrue(ssm.targets().contains("AmazonSSM.GetParameter"), ssm.targets()::toString);
    }
  }

  @Test
  void ssmParameterMissing_configError() throws Exception {
    try (SsmStub ssm = SsmStub.start(PARAM)) {
      CliRun.Result r =
          cli()
              .env("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST")
              .env("AWS_SECRET_ACCESS_KEY", "not-a-real-key-0000")
              .env("AWS_REGION", "eu-west-1")
              .run("fingerprint", "--ssm-parameter", "/other", "--ssm-endpoint", ssm.endpoint());
      assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
      assertTrue(r.err().contains("does not exist"), r::toString);
    }
  }

  @Test
  void ssmRefusing_unreachableExit() throws Exception {
    try (SsmStub ssm = SsmStub.start(PARAM)) {
      ssm.put(Canaries.SECRET, NOW).failWith("AccessDeniedException");
      CliRun.Result r =
          cli()
              .env("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST")
              .env("AWS_SECRET_ACCESS_KEY", "not-a-real-key-0000")
              .run(
                  "fingerprint",
                  "--ssm-parameter",
                  PARAM,
                  "--region",
                  "us-east-1",
                  "--ssm-endpoint",
                  ssm.endpoint());
      assertEquals(ExitCode.UNREACHABLE.code(), r.exit(), r::toString);
      assertTrue(r.err().contains("AccessDeniedException"), r::toString);
      assertTrue(r.err().contains("hint: "), r::toString);
    }
  }

  @Test
  void ssmWithoutRegion_configError() {
    CliRun.Result r = cli().run("fingerprint", "--ssm-parameter", PARAM);
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("--region"), r::toString);
  }

  private static JsonNode json(CliRun.Result r) throws Exception {
    assertEquals(0, r.exit(), r::toString);
    return JSON.readTree(r.out());
  }
}
