package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.SecretSettings.Encoding;
import com.quiltdata.mcp.auth.SecretSettings.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretSettingsEnvironmentTest {
  @RegisterExtension final SecretCanaries canaries = new SecretCanaries();

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static AuthException configurationError(Map<String, String> env) {
    AuthException e = assertThrows(AuthException.class, () -> SecretSettings.fromEnvironment(env));
    assertEquals(Reason.CONFIGURATION, e.reason());
    SecretCanaries.assertNoCanary(e);
    return e;
  }

  @Test
  void fromEnvironment_primarySecret_usesItWithDefaults() {
    SecretSettings s =
        SecretSettings.fromEnvironment(env("MCP_JWT_SECRET", SecretCanaries.strong()));
    assertEquals(Source.ENV, s.source());
    assertEquals("MCP_JWT_SECRET", s.location());
    assertEquals(List.of("MCP_JWT_SECRET"), s.variablesUsed());
    assertEquals(Encoding.UTF8, s.encoding());
    assertEquals(Duration.ofHours(1), s.gracePeriod());
    assertEquals(Duration.ofMinutes(5), s.refreshInterval());
    assertTrue(s.keyId().isEmpty());
    assertTrue(s.previousSecretLocation().isEmpty());
    SecretCanaries.assertNoCanary(s.toString());
  }

  @Test
  void fromEnvironment_aliasSecret_reportsAliasName() {
    SecretSettings s =
        SecretSettings.fromEnvironment(env("MCP_ENHANCED_JWT_SECRET", SecretCanaries.strong()));
    assertEquals("MCP_ENHANCED_JWT_SECRET", s.location());
    assertEquals(List.of("MCP_ENHANCED_JWT_SECRET"), s.variablesUsed());
  }

  @Test
  void fromEnvironment_primaryAndAliasEqual_primaryWins() {
    String secret = SecretCanaries.strong();
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env("MCP_JWT_SECRET", secret, "MCP_ENHANCED_JWT_SECRET", secret));
    assertEquals("MCP_JWT_SECRET", s.location());
  }

  @Test
  void fromEnvironment_primaryAndAliasDiffer_errorNamesBothVariables() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET",
                SecretCanaries.strong(),
                "MCP_ENHANCED_JWT_SECRET",
                SecretCanaries.strong()));
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET"), e.getMessage());
    assertTrue(e.getMessage().contains("MCP_ENHANCED_JWT_SECRET"), e.getMessage());
  }

  @Test
  void fromEnvironment_ssmEndpoint_isTakenAndChecked_withoutEchoingTheValue() {
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET_SSM_PARAMETER", "/x/y",
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_SSM", "https://vpce-0abc.ssm.eu-west-1.vpce.amazonaws.com"));
    assertEquals(
        "https://vpce-0abc.ssm.eu-west-1.vpce.amazonaws.com",
        s.ssmEndpoint().orElseThrow().toString());
    assertEquals(
        List.of("MCP_JWT_SECRET_SSM_PARAMETER", "AWS_REGION", "AWS_ENDPOINT_URL_SSM"),
        s.variablesUsed());

    AuthException e =
        assertThrows(
            AuthException.class,
            () ->
                SecretSettings.fromEnvironment(
                    env(
                        "MCP_JWT_SECRET_SSM_PARAMETER", "/x/y",
                        "AWS_ENDPOINT_URL_SSM", "https://admin:hunter2@ssm.example.com")));
    assertEquals(AuthException.Reason.CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("AWS_ENDPOINT_URL_SSM"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void fromEnvironment_ssmPrimaryAndAlias_bothWork() {
    SecretSettings primary =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET_SSM_PARAMETER",
                "/quilt/mcp-server/jwt-secret",
                "AWS_REGION",
                "eu-west-1"));
    assertEquals(Source.SSM, primary.source());
    assertEquals("/quilt/mcp-server/jwt-secret", primary.location());
    assertEquals("eu-west-1", primary.ssmRegion().orElseThrow());
    assertEquals(List.of("MCP_JWT_SECRET_SSM_PARAMETER", "AWS_REGION"), primary.variablesUsed());

    SecretSettings alias =
        SecretSettings.fromEnvironment(env("MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER", "/x/y"));
    assertEquals("/x/y", alias.location());
    assertTrue(alias.ssmRegion().isEmpty());
    assertEquals(List.of("MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER"), alias.variablesUsed());
  }

  @Test
  void fromEnvironment_ssmAliasConflict_errorNamesBoth() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET_SSM_PARAMETER",
                "/a",
                "MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER",
                "/b"));
    assertTrue(e.getMessage().contains("MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER"));
    assertFalse(e.getMessage().contains("/a"), e.getMessage());
  }

  @Test
  void fromEnvironment_regionVariables_awsRegionWinsOverDefault() {
    SecretSettings both =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET_SSM_PARAMETER", "/p",
                "AWS_REGION", "us-west-2",
                "AWS_DEFAULT_REGION", "us-east-1"));
    assertEquals("us-west-2", both.ssmRegion().orElseThrow());
    SecretSettings fallback =
        SecretSettings.fromEnvironment(
            env("MCP_JWT_SECRET_SSM_PARAMETER", "/p", "AWS_DEFAULT_REGION", "us-east-1"));
    assertEquals("us-east-1", fallback.ssmRegion().orElseThrow());
    assertTrue(fallback.variablesUsed().contains("AWS_DEFAULT_REGION"));
  }

  @Test
  void fromEnvironment_file_usesPath() {
    SecretSettings s =
        SecretSettings.fromEnvironment(env("MCP_JWT_SECRET_FILE", "/run/secrets/jwt"));
    assertEquals(Source.FILE, s.source());
    assertEquals(Path.of("/run/secrets/jwt").toString(), s.location());
  }

  @Test
  void fromEnvironment_kidPrimaryAliasAndConflict() {
    String secret = SecretCanaries.strong();
    assertEquals(
        "k1",
        SecretSettings.fromEnvironment(env("MCP_JWT_SECRET", secret, "MCP_JWT_KID", "k1"))
            .keyId()
            .orElseThrow());
    SecretSettings alias =
        SecretSettings.fromEnvironment(
            env("MCP_JWT_SECRET", secret, "MCP_ENHANCED_JWT_KID", "frontend-enhanced"));
    assertEquals("frontend-enhanced", alias.keyId().orElseThrow());
    assertTrue(alias.variablesUsed().contains("MCP_ENHANCED_JWT_KID"));
    AuthException e =
        configurationError(
            env("MCP_JWT_SECRET", secret, "MCP_JWT_KID", "a", "MCP_ENHANCED_JWT_KID", "b"));
    assertTrue(e.getMessage().contains("MCP_ENHANCED_JWT_KID"));
  }

  @Test
  void fromEnvironment_kidWithSpace_errorNamesVariable() {
    AuthException e =
        configurationError(env("MCP_JWT_SECRET", SecretCanaries.strong(), "MCP_JWT_KID", "a b"));
    assertTrue(e.getMessage().startsWith("MCP_JWT_KID"), e.getMessage());
  }

  @Test
  void fromEnvironment_nothingConfigured_errorListsVariablesToSet() {
    AuthException e = configurationError(env("MCP_JWT_KID", "k", "MCP_JWT_SECRET", ""));
    for (String name :
        List.of(
            "MCP_JWT_SECRET",
            "MCP_ENHANCED_JWT_SECRET",
            "MCP_JWT_SECRET_FILE",
            "MCP_JWT_SECRET_SSM_PARAMETER",
            "MCP_ENHANCED_JWT_SECRET_SSM_PARAMETER")) {
      assertTrue(e.getMessage().contains(name), name);
    }
    assertTrue(e.getMessage().contains("32 bytes"));
  }

  @Test
  void fromEnvironment_twoSources_errorNamesBoth() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET",
                SecretCanaries.strong(),
                "MCP_JWT_SECRET_FILE",
                "/run/secrets/jwt"));
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET,"), e.getMessage());
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET_FILE"), e.getMessage());
    assertFalse(e.getMessage().contains("/run/secrets"), e.getMessage());
  }

  @Test
  void fromEnvironment_threeSources_error() {
    configurationError(
        env(
            "MCP_ENHANCED_JWT_SECRET", SecretCanaries.strong(),
            "MCP_JWT_SECRET_FILE", "/f",
            "MCP_JWT_SECRET_SSM_PARAMETER", "/p"));
  }

  @Test
  void fromEnvironment_shortSecret_errorMentions32Bytes() {
    AuthException e = configurationError(env("MCP_JWT_SECRET", SecretCanaries.ofLength(31)));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET is 31 bytes"), e.getMessage());
  }

  @Test
  void fromEnvironment_exactly32Bytes_accepted() {
    assertEquals(
        Source.ENV,
        SecretSettings.fromEnvironment(env("MCP_JWT_SECRET", SecretCanaries.ofLength(32)))
            .source());
  }

  @Test
  void fromEnvironment_base64Strict_acceptsCanonical() {
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET",
                SecretCanaries.strongBase64(),
                "MCP_JWT_SECRET_ENCODING",
                "BASE64"));
    assertEquals(Encoding.BASE64, s.encoding());
    assertEquals(List.of("MCP_JWT_SECRET_ENCODING", "MCP_JWT_SECRET"), s.variablesUsed());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "missingPadding",
        "urlSafe",
        "trailingNewline",
        "innerSpace",
        "nonZeroTrailingBits",
        "tooShortDecoded"
      })
  void fromEnvironment_base64Invalid_rejected(String kind) {
    String good = SecretCanaries.strongBase64(); // 48 bytes -> 64 chars, no padding
    String value;
    switch (kind) {
      case "missingPadding":
        value = good.substring(0, 62); // 46.5 bytes: needs padding it lacks
        break;
      case "urlSafe":
        value = good.substring(0, 60) + "-_AA";
        break;
      case "trailingNewline":
        value = good + "\n";
        break;
      case "innerSpace":
        value = good.substring(0, 32) + " " + good.substring(32);
        break;
      case "nonZeroTrailingBits":
        value = good.substring(0, 60) + "AAB="; // last char encodes bits beyond the data
        break;
      default:
        value = "c2hvcnQtc2VjcmV0LW9mLTIwYg==";
        break;
    }
    AuthException e =
        configurationError(env("MCP_JWT_SECRET", value, "MCP_JWT_SECRET_ENCODING", "base64"));
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains(value.trim()), e.getMessage());
  }

  @Test
  void fromEnvironment_unknownEncoding_errorWithoutValue() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET",
                SecretCanaries.strong(),
                "MCP_JWT_SECRET_ENCODING",
                "rot13-" + SecretCanaries.MARKER));
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET_ENCODING"));
  }

  @Test
  void fromEnvironment_graceAndRefresh_parsedAndBounded() {
    String secret = SecretCanaries.strong();
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET", secret,
                "MCP_JWT_ROTATION_GRACE_SECONDS", "600",
                "MCP_JWT_SECRET_REFRESH_SECONDS", "60"));
    assertEquals(Duration.ofMinutes(10), s.gracePeriod());
    assertEquals(Duration.ofMinutes(1), s.refreshInterval());
    for (String bad : List.of("59", "604801", "1h", "-5", "", "99999999999")) {
      if (bad.isEmpty()) {
        continue; // empty counts as unset
      }
      AuthException e =
          configurationError(env("MCP_JWT_SECRET", secret, "MCP_JWT_ROTATION_GRACE_SECONDS", bad));
      assertTrue(e.getMessage().contains("between 60 and 604800"), e.getMessage());
    }
    AuthException e =
        configurationError(env("MCP_JWT_SECRET", secret, "MCP_JWT_SECRET_REFRESH_SECONDS", "29"));
    assertTrue(e.getMessage().contains("MCP_JWT_SECRET_REFRESH_SECONDS"), e.getMessage());
  }

  @Test
  void fromEnvironment_previousSecret_recordedWithDefaultKid() {
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET", SecretCanaries.strong(),
                "MCP_JWT_KID", "k",
                "MCP_JWT_PREVIOUS_SECRET", SecretCanaries.strong()));
    assertEquals("MCP_JWT_PREVIOUS_SECRET", s.previousSecretLocation().orElseThrow());
    assertEquals("k", s.previousKeyId().orElseThrow());
    SecretCanaries.assertNoCanary(s.toString());
  }

  @Test
  void fromEnvironment_previousSecretShort_errorNamesIt() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET", SecretCanaries.strong(),
                "MCP_JWT_PREVIOUS_SECRET", SecretCanaries.ofLength(10)));
    assertTrue(e.getMessage().contains("MCP_JWT_PREVIOUS_SECRET"), e.getMessage());
  }

  @Test
  void fromEnvironment_previousSecretWithSsm_rejected() {
    AuthException e =
        configurationError(
            env(
                "MCP_JWT_SECRET_SSM_PARAMETER",
                "/p",
                "MCP_JWT_PREVIOUS_SECRET",
                SecretCanaries.strong()));
    assertTrue(e.getMessage().contains("version history"), e.getMessage());
  }

  @Test
  void fromEnvironment_previousKidWithoutPreviousSecret_rejected() {
    AuthException e =
        configurationError(
            env("MCP_JWT_SECRET", SecretCanaries.strong(), "MCP_JWT_PREVIOUS_KID", "old"));
    assertTrue(e.getMessage().contains("MCP_JWT_PREVIOUS_KID"), e.getMessage());
  }

  @Test
  void fromEnvironment_previousKid_overridesCurrentKid() {
    SecretSettings s =
        SecretSettings.fromEnvironment(
            env(
                "MCP_JWT_SECRET",
                SecretCanaries.strong(),
                "MCP_JWT_KID",
                "new",
                "MCP_JWT_PREVIOUS_SECRET",
                SecretCanaries.strong(),
                "MCP_JWT_PREVIOUS_KID",
                "old"));
    assertEquals("old", s.previousKeyId().orElseThrow());
    assertEquals("new", s.keyId().orElseThrow());
  }
}
