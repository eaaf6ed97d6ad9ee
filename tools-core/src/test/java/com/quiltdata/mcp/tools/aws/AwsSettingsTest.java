package com.quiltdata.mcp.tools.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
  private static String refusal(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> AwsSettings.fromEnvironment(env))
        .getMessage();
  }

  @Test
  void emptyEnvironment_awsItselfInUsEast1() {
    AwsSettings s = AwsSettings.fromEnvironment(Map.of());
    assertEquals("us-east-1", s.region());
    assertTrue(s.endpoint(AwsService.S3).isEmpty());
    assertEquals(AwsSettings.defaults(), s);
  }

  @Test
  void region_awsRegionWinsOverDefaultRegion() {
    assertEquals(
        "eu-central-1",
        AwsSettings.fromEnvironment(
                Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "us-west-2"))
            .region());
    assertEquals(
        "us-west-2",
        AwsSettings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-west-2")).region());
    assertEquals(
        "us-west-2",
        AwsSettings.fromEnvironment(Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", "us-west-2"))
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
  void endpoint_serviceSpecificWinsOverTheShared() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9000");
    assertEquals(
        URI.create("http://127.0.0.1:9000"),
        AwsSettings.fromEnvironment(env).endpoint(AwsService.S3).orElseThrow());
    env.put("AWS_ENDPOINT_URL_S3", "https://s3.example.com/");
    assertEquals(
        URI.create("https://s3.example.com/"),
        AwsSettings.fromEnvironment(env).endpoint(AwsService.S3).orElseThrow());
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
  void variables_nameRegionAndEveryEndpoint() {
    assertEquals(
        java.util.List.of(
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_ATHENA"),
        AwsSettings.VARIABLES.stream().map(v -> v.name()).toList());
  }

  @Test
  void clients_pathStyleWithACustomEndpoint_andToStringNamesIt() {
    AwsSettings custom =
        AwsSettings.defaults().withEndpoint(AwsService.S3, URI.create("http://127.0.0.1:9000"));
    try (AwsClients clients = AwsClients.create(custom);
        AwsClients aws = AwsClients.create(AwsSettings.defaults())) {
      assertTrue(clients.s3PathStyle());
      assertFalse(aws.s3PathStyle());
      assertTrue(clients.toString().contains("http://127.0.0.1:9000"));
      assertTrue(clients.s3() == clients.s3(), "one long-lived client");
    }
  }
}
