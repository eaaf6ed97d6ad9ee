package com.quiltdata.mcp.tools.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static String refusal(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnvironment(env))
        .getMessage();
  }

  @Test
  void emptyEnvironment_awsInUsEast1WithDefaultLimits() {
    S3Settings s = S3Settings.fromEnvironment(Map.of());
    assertEquals("us-east-1", s.region());
    assertTrue(s.endpointOverride().isEmpty());
    assertFalse(s.pathStyle());
    assertEquals(1024 * 1024, s.maxReadBytes());
    assertEquals(100, s.maxPutItems());
    assertEquals(8L * 1024 * 1024, s.maxPutBytes());
    assertEquals(Duration.ofDays(7), s.maxLinkLifetime());
    assertEquals(S3Settings.defaults(), s);
  }

  @Test
  void region_awsRegionWinsOverDefaultRegion() {
    assertEquals(
        "eu-central-1",
        S3Settings.fromEnvironment(
                Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "us-west-2"))
            .region());
    assertEquals(
        "us-west-2",
        S3Settings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-west-2")).region());
    assertEquals(
        "us-west-2",
        S3Settings.fromEnvironment(Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", "us-west-2"))
            .region(),
        "empty means unset");
  }

  @Test
  void badRegion_namesTheVariableNotTheValue() {
    String m = refusal(Map.of("AWS_DEFAULT_REGION", "not a region!"));
    assertTrue(m.startsWith("AWS_DEFAULT_REGION must be"), m);
    assertFalse(m.contains("not a region"));
  }

  @Test
  void endpoint_s3SpecificWinsAndSwitchesToPathStyle() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9000");
    S3Settings general = S3Settings.fromEnvironment(env);
    assertEquals(URI.create("http://127.0.0.1:9000"), general.endpoint());
    assertTrue(general.pathStyle());
    env.put("AWS_ENDPOINT_URL_S3", "https://s3.example.com/");
    assertEquals(URI.create("https://s3.example.com/"), S3Settings.fromEnvironment(env).endpoint());
  }

  @Test
  void badEndpoint_refusedNamingTheVariable() {
    for (String bad :
        new String[] {
          "ftp://host", "http://user:secret@host", "http://host/path", "http://host?q=1", "nohost"
        }) {
      String m = refusal(Map.of("AWS_ENDPOINT_URL_S3", bad));
      assertTrue(m.startsWith("AWS_ENDPOINT_URL_S3 must be"), m);
      assertFalse(m.contains("secret"), m);
    }
  }

  @Test
  void limits_parsedAndRangeChecked() {
    S3Settings s =
        S3Settings.fromEnvironment(
            Map.of(
                "MCP_S3_MAX_READ_BYTES", "4096",
                "MCP_S3_MAX_PUT_ITEMS", "5",
                "MCP_S3_MAX_PUT_BYTES", "65536",
                "MCP_S3_MAX_LINK_SECONDS", "900"));
    assertEquals(4096, s.maxReadBytes());
    assertEquals(5, s.maxPutItems());
    assertEquals(65536, s.maxPutBytes());
    assertEquals(Duration.ofMinutes(15), s.maxLinkLifetime());
    assertTrue(refusal(Map.of("MCP_S3_MAX_READ_BYTES", "12")).contains("between 1024 and"));
    assertTrue(refusal(Map.of("MCP_S3_MAX_PUT_ITEMS", "lots")).startsWith("MCP_S3_MAX_PUT_ITEMS"));
    assertTrue(refusal(Map.of("MCP_S3_MAX_PUT_BYTES", "0")).startsWith("MCP_S3_MAX_PUT_BYTES"));
    assertTrue(
        refusal(Map.of("MCP_S3_MAX_LINK_SECONDS", "604801")).contains("between 1 and 604800"));
  }

  @Test
  void toString_showsNoSecretsAndNamesTheEndpoint() {
    String s = S3Settings.defaults().withEndpoint(URI.create("http://127.0.0.1:9000")).toString();
    assertTrue(s.contains("http://127.0.0.1:9000"));
  }
}
