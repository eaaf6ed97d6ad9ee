package com.quiltdata.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quiltdata.mcp.auth.BearerToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExchangeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final Canaries canaries = new Canaries();
  private RegistryStub registry;

  @BeforeEach
  void start() throws Exception {
    registry = RegistryStub.start().accept(Canaries.TOKEN);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private CliRun cli() {
    return CliRun.with(canaries);
  }

  @Test
  void accepted_showsHintExpiryAndSource_neverTheKeys() throws Exception {
    CliRun.Result r =
        cli().stdin(Canaries.TOKEN).run("exchange", "--registry", registry.url(), "--json");
    assertEquals(0, r.exit(), r::toString);
    JsonNode json = JSON.readTree(r.out());
    assertEquals("****7Q3Z", json.get("accessKey").asText());
    assertTrue(json.get("session").asBoolean());
    assertEquals("registry", json.get("source").asText());
    assertEquals(
        "sha256:" + BearerToken.of(Canaries.TOKEN).fingerprint(), json.get("token").asText());
    assertTrue(json.hasNonNull("expiresAt"));
    assertEquals(List.of("Bearer " + Canaries.TOKEN), registry.authorizations());
    Canaries.assertClean(r.all());
    assertTrue(!r.all().contains(RegistryStub.ACCESS_KEY_ID), "only the hint of the access key");
  }

  @Test
  void registryFromEnvironment_text() {
    CliRun.Result r =
        cli().env("QUILT_REGISTRY_URL", registry.url() + "/").stdin(Canaries.TOKEN).run("exchange");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("ACCEPTED     the registry at http://127.0.0.1:"), r::toString);
    assertTrue(r.out().contains("access key   ****7Q3Z"), r::toString);
    assertTrue(r.out().contains("(in 59 min") || r.out().contains("(in 1 h)"), r::toString);
  }

  @Test
  void refusedToken_invalidTokenExitWithRegistryMessage() {
    CliRun.Result r =
        cli()
            .stdin(Canaries.tokenSignedWith(Canaries.strongSecret()))
            .run("exchange", "--registry", registry.url());
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("rejected the token (401)"), r::toString);
    assertTrue(r.err().contains("Token invalid or expired"), r::toString);
    assertTrue(r.err().contains("hint: "), r::toString);
  }

  @Test
  void forbidden_invalidTokenExit() {
    registry.force(403);
    CliRun.Result r =
        cli().stdin(Canaries.TOKEN).run("exchange", "--registry", registry.url(), "--json");
    assertEquals(ExitCode.INVALID_TOKEN.code(), r.exit(), r::toString);
    assertTrue(r.out().contains("\"reason\" : \"REGISTRY_FORBIDDEN\""), r::toString);
  }

  @Test
  void serverError_unreachableExit() {
    registry.force(502);
    CliRun.Result r = cli().stdin(Canaries.TOKEN).run("exchange", "--registry", registry.url());
    assertEquals(ExitCode.UNREACHABLE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("HTTP 502"), r::toString);
  }

  @Test
  void nothingListening_unreachableExit() throws Exception {
    CliRun.Result r =
        cli().stdin(Canaries.TOKEN).run("exchange", "--registry", RegistryStub.closedUrl());
    assertEquals(ExitCode.UNREACHABLE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("refused the connection"), r::toString);
  }

  @Test
  void shortLivedCredentials_reportedAsExpired() {
    registry.lifetime(Duration.ofMinutes(2));
    CliRun.Result r = cli().stdin(Canaries.TOKEN).run("exchange", "--registry", registry.url());
    assertEquals(ExitCode.UNREACHABLE.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("clock"), r::toString);
  }

  @Test
  void noRegistry_configError_andNoRequestSent() {
    CliRun.Result r = cli().stdin(Canaries.TOKEN).run("exchange");
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("QUILT_REGISTRY_URL"), r::toString);
    assertTrue(registry.authorizations().isEmpty());
  }

  @Test
  void registryUrlWithUserInfo_configError_urlNotEchoed() {
    String url = "https://admin:" + Canaries.SECRET + "@registry.example.com";
    CliRun.Result r = cli().stdin(Canaries.TOKEN).run("exchange", "--registry", url);
    assertEquals(ExitCode.CONFIG_ERROR.code(), r.exit(), r::toString);
    assertTrue(r.err().contains("without user info"), r::toString);
  }
}
