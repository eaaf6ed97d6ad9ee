package com.quiltdata.mcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code OTEL_*} variables span export reads: off by default, fail closed, no value echoed. */
class TraceSettingsTest {
  @Test
  void nothingSet_isOff() {
    TraceSettings s = TraceSettings.fromEnvironment(Map.of());
    assertFalse(s.enabled());
    assertEquals("quilt-mcp-server", s.serviceName());
    assertEquals(Duration.ofSeconds(10), s.timeout());
  }

  @Test
  void theBaseEndpoint_getsTheTracesPath_theSignalEndpointIsUsedAsGiven() {
    assertEquals(
        URI.create("http://collector:4318/v1/traces"),
        TraceSettings.fromEnvironment(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"))
            .tracesEndpoint());
    assertEquals(
        URI.create("https://otlp.example.com/custom"),
        TraceSettings.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://otlp.example.com/custom"))
            .tracesEndpoint());
  }

  @Test
  void sdkDisabled_winsOverAnEndpoint() {
    assertFalse(
        TraceSettings.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                    "OTEL_SDK_DISABLED", "true"))
            .enabled());
  }

  @Test
  void headers_arePercentDecoded_andNeverShown() {
    TraceSettings s =
        TraceSettings.fromEnvironment(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cr%3Dt+1, x-team = data"));
    assertEquals(Map.of("api-key", "s3cr=t+1", "x-team", "data"), s.headers());
    assertFalse(s.toString().contains("s3cr"), s.toString());
    assertTrue(s.toString().contains("api-key"), s.toString());
  }

  @Test
  void badValues_nameTheVariable_neverTheValue() {
    for (Map<String, String> env :
        new Map[] {
          Map.of("OTEL_EXPORTER_OTLP_HEADERS", "no-equals-secret-value"),
          Map.of("OTEL_EXPORTER_OTLP_HEADERS", "bad key=secret-value"),
          Map.of("OTEL_EXPORTER_OTLP_HEADERS", "k=secret-value%zz"),
          Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
          Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector-secret-value:4318"),
          Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "0"),
        }) {
      String variable = env.keySet().iterator().next();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TraceSettings.fromEnvironment(env));
      assertTrue(e.getMessage().contains(variable), e.getMessage());
      assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
      assertFalse(e.getMessage().contains("grpc"), e.getMessage());
    }
  }

  @Test
  void tooManyHeaders_areRefused() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      many.append(i == 0 ? "" : ",").append("h").append(i).append("=v");
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> TraceSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_HEADERS", many.toString())));
  }
}
