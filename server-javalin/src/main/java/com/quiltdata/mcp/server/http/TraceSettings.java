package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Span export (OpenTelemetry, OTLP over HTTP with protobuf): off unless an endpoint is set, and
 * then nothing of the OpenTelemetry SDK is even loaded. Read from the standard {@code OTEL_*}
 * variables this server supports; any other {@code OTEL_*} variable is ignored.
 *
 * @param tracesEndpoint where spans are POSTed ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} as
 *     given, else {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/traces}); {@code null}: off
 * @param serviceName the {@code service.name} resource attribute
 * @param headers extra request headers of the export (may hold credentials: never logged or shown)
 * @param timeout time allowed for one export request
 */
public record TraceSettings(
    URI tracesEndpoint, String serviceName, Map<String, String> headers, Duration timeout) {
  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT}: the collector's base URL; unset, spans are off. */
  public static final EnvironmentVariable ENDPOINT =
      EnvironmentVariable.url("OTEL_EXPORTER_OTLP_ENDPOINT", null);

  /** {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}: the full traces URL; wins over the base. */
  public static final EnvironmentVariable TRACES_ENDPOINT =
      EnvironmentVariable.url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", null);

  /** {@code OTEL_EXPORTER_OTLP_PROTOCOL}: only {@code http/protobuf} is supported. */
  public static final EnvironmentVariable PROTOCOL =
      EnvironmentVariable.choice("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "http/protobuf");

  /** {@code OTEL_EXPORTER_OTLP_HEADERS}: {@code key=value,...} (values percent-decoded). */
  public static final EnvironmentVariable HEADERS =
      EnvironmentVariable.text("OTEL_EXPORTER_OTLP_HEADERS", null);

  /** {@code OTEL_EXPORTER_OTLP_TIMEOUT}: milliseconds per export request. */
  public static final EnvironmentVariable TIMEOUT =
      EnvironmentVariable.integer("OTEL_EXPORTER_OTLP_TIMEOUT", 100, 60_000, 10_000);

  /** {@code OTEL_SERVICE_NAME}. */
  public static final EnvironmentVariable SERVICE_NAME =
      EnvironmentVariable.text("OTEL_SERVICE_NAME", "quilt-mcp-server");

  /** {@code OTEL_SDK_DISABLED}: {@code true} keeps spans off even with an endpoint. */
  public static final EnvironmentVariable SDK_DISABLED =
      EnvironmentVariable.flag("OTEL_SDK_DISABLED", false);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES =
      List.of(ENDPOINT, TRACES_ENDPOINT, PROTOCOL, HEADERS, TIMEOUT, SERVICE_NAME, SDK_DISABLED);

  /** Spans off. */
  public static final TraceSettings OFF =
      new TraceSettings(null, "quilt-mcp-server", Map.of(), Duration.ofSeconds(10));

  private static final int MAX_HEADERS = 32;
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

  /** Validates every field and names the bad one (never a header value). */
  public TraceSettings {
    if (serviceName == null || serviceName.isBlank() || serviceName.length() > 255) {
      throw new IllegalArgumentException("serviceName must be 1 to 255 characters");
    }
    if (headers == null || headers.size() > MAX_HEADERS) {
      throw new IllegalArgumentException("headers must be at most " + MAX_HEADERS + " entries");
    }
    headers = Map.copyOf(headers);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** Whether spans are exported. */
  public boolean enabled() {
    return tracesEndpoint != null;
  }

  /** Names the endpoint and the header names only: header values may be credentials. */
  @Override
  public String toString() {
    return "TraceSettings[tracesEndpoint="
        + tracesEndpoint
        + ", serviceName="
        + serviceName
        + ", headers="
        + headers.keySet()
        + ", timeout="
        + timeout
        + "]";
  }

  /**
   * Reads {@link #VARIABLES}.
   *
   * @throws IllegalArgumentException naming the variable (never its value)
   */
  public static TraceSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    reader.choice(PROTOCOL);
    URI traces = reader.url(TRACES_ENDPOINT);
    URI base = reader.url(ENDPOINT);
    if (traces == null && base != null) {
      String b = base.toString();
      traces = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/v1/traces");
    }
    if (reader.flag(SDK_DISABLED)) {
      traces = null;
    }
    String name = reader.text(SERVICE_NAME);
    Duration timeout = Duration.ofMillis(reader.integer(TIMEOUT));
    Map<String, String> headers = headers(reader.text(HEADERS));
    try {
      return new TraceSettings(
          traces, name == null ? "quilt-mcp-server" : name.trim(), headers, timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SERVICE_NAME.name() + " must be 1 to 255 characters");
    }
  }

  /** {@code k=v,k2=v2} with percent-encoded values; messages never echo a value. */
  private static Map<String, String> headers(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String part : EnvironmentReader.commaList(value)) {
      int eq = part.indexOf('=');
      String key = eq > 0 ? part.substring(0, eq).trim() : "";
      if (!HEADER_NAME.matcher(key).matches() || out.size() == MAX_HEADERS) {
        throw new IllegalArgumentException(
            HEADERS.name()
                + " must be at most "
                + MAX_HEADERS
                + " comma-separated key=value pairs with header names as keys");
      }
      String decoded;
      try {
        // percent-decoding only: a '+' stays a plus (the W3C baggage format, not a form)
        String raw = part.substring(eq + 1).trim().replace("+", "%2B");
        decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(HEADERS.name() + " has a badly percent-encoded value");
      }
      if (decoded.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
        throw new IllegalArgumentException(HEADERS.name() + " has a value with control characters");
      }
      out.put(key, decoded);
    }
    return out;
  }
}
