package com.quiltdata.mcp.tools.aws;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the tools reach AWS: the region requests are signed for, custom endpoints per service, and
 * the request policy of the long-lived clients. Immutable; {@link #fromEnvironment(Map)} reads
 * {@link #VARIABLES}.
 *
 * @param region the region requests are signed for ({@code AWS_REGION}, else {@code
 *     AWS_DEFAULT_REGION}, else {@code us-east-1}: the AWS CLI's rule)
 * @param endpoints custom endpoints by service ({@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code
 *     AWS_ENDPOINT_URL}); a service without one talks to AWS itself
 * @param connectTimeout TCP connect timeout
 * @param socketTimeout read timeout
 * @param apiCallTimeout the longest one operation may take, retries included
 * @param maxAttempts attempts per operation (1 = no retry); throttling and 5xx are retried
 */
public record AwsSettings(
    String region,
    Map<AwsService, URI> endpoints,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration apiCallTimeout,
    int maxAttempts) {

  /** Region used when neither {@code AWS_REGION} nor {@code AWS_DEFAULT_REGION} is set. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** {@code AWS_REGION}: the region. */
  public static final EnvironmentVariable REGION =
      EnvironmentVariable.text("AWS_REGION", DEFAULT_REGION);

  /** {@code AWS_DEFAULT_REGION}: the region when {@code AWS_REGION} is unset (as the AWS CLI). */
  public static final EnvironmentVariable FALLBACK_REGION =
      EnvironmentVariable.text("AWS_DEFAULT_REGION", null);

  /** {@code AWS_ENDPOINT_URL}: the endpoint of every service without its own. */
  public static final EnvironmentVariable ENDPOINT =
      EnvironmentVariable.url("AWS_ENDPOINT_URL", null);

  /** Every variable {@link #fromEnvironment} reads. */
  public static final List<EnvironmentVariable> VARIABLES = variables();

  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+){1,4}");

  /** Validates every field; messages name the field and the accepted range. */
  public AwsSettings {
    Objects.requireNonNull(region, "region");
    if (!REGION_NAME.matcher(region).matches()) {
      throw new IllegalArgumentException("region must be an AWS region name such as us-east-1");
    }
    Map<AwsService, URI> copy = new EnumMap<>(AwsService.class);
    for (Map.Entry<AwsService, URI> e : endpoints.entrySet()) {
      checkEndpoint(e.getValue(), "endpoint of " + e.getKey());
      copy.put(e.getKey(), e.getValue());
    }
    endpoints = Map.copyOf(copy);
    duration(connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(5), "connectTimeout");
    duration(socketTimeout, Duration.ofMillis(100), Duration.ofMinutes(5), "socketTimeout");
    duration(apiCallTimeout, Duration.ofMillis(100), Duration.ofMinutes(30), "apiCallTimeout");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10");
    }
  }

  /** AWS itself in {@code us-east-1}: connect 5 s, read 30 s, 2 min per operation, 3 attempts. */
  public static AwsSettings defaults() {
    return new AwsSettings(
        DEFAULT_REGION,
        Map.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        3);
  }

  /**
   * Reads {@link #VARIABLES}; the empty string counts as unset.
   *
   * @throws IllegalArgumentException naming the variable and the expected form (never its value)
   */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    AwsSettings d = defaults();
    EnvironmentVariable regionSource = reader.isSet(REGION) ? REGION : FALLBACK_REGION;
    String region = reader.text(regionSource);
    if (region != null) {
      region = region.trim().toLowerCase(Locale.ROOT);
      if (!REGION_NAME.matcher(region).matches()) {
        throw new IllegalArgumentException(
            regionSource.name() + " must be an AWS region name such as us-east-1");
      }
    }
    Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
    URI shared = endpoint(reader, ENDPOINT);
    for (AwsService service : AwsService.values()) {
      URI own = endpoint(reader, EnvironmentVariable.url(service.endpointVariable(), null));
      if (own != null || shared != null) {
        endpoints.put(service, own != null ? own : shared);
      }
    }
    return new AwsSettings(
        region == null ? d.region : region,
        endpoints,
        d.connectTimeout,
        d.socketTimeout,
        d.apiCallTimeout,
        d.maxAttempts);
  }

  /** The custom endpoint of a service, if one is configured. */
  public Optional<URI> endpoint(AwsService service) {
    return Optional.ofNullable(endpoints.get(service));
  }

  /** A copy with another region. */
  public AwsSettings withRegion(String newRegion) {
    return new AwsSettings(
        newRegion, endpoints, connectTimeout, socketTimeout, apiCallTimeout, maxAttempts);
  }

  /** A copy with a custom endpoint for one service ({@code null}: AWS itself). */
  public AwsSettings withEndpoint(AwsService service, URI endpoint) {
    Map<AwsService, URI> copy = new EnumMap<>(AwsService.class);
    copy.putAll(endpoints);
    if (endpoint == null) {
      copy.remove(service);
    } else {
      copy.put(service, endpoint);
    }
    return new AwsSettings(
        region, copy, connectTimeout, socketTimeout, apiCallTimeout, maxAttempts);
  }

  /** A copy with other timeouts and attempts. */
  public AwsSettings withRequestPolicy(
      Duration connect, Duration socket, Duration apiCall, int attempts) {
    return new AwsSettings(region, endpoints, connect, socket, apiCall, attempts);
  }

  @Override
  public String toString() {
    return "AwsSettings[region=" + region + ", endpoints=" + endpoints + "]";
  }

  private static List<EnvironmentVariable> variables() {
    List<EnvironmentVariable> out = new ArrayList<>();
    out.add(REGION);
    out.add(FALLBACK_REGION);
    out.add(ENDPOINT);
    for (AwsService s : AwsService.values()) {
      out.add(EnvironmentVariable.url(s.endpointVariable(), null));
    }
    return List.copyOf(out);
  }

  private static URI endpoint(EnvironmentReader reader, EnvironmentVariable v) {
    URI uri;
    try {
      uri = reader.url(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(endpointMessage(v.name()));
    }
    if (uri != null) {
      try {
        checkEndpoint(uri, v.name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(endpointMessage(v.name()));
      }
    }
    return uri;
  }

  private static void checkEndpoint(URI uri, String name) {
    Objects.requireNonNull(uri, name);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath();
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException(endpointMessage(name));
    }
  }

  private static String endpointMessage(String name) {
    return name
        + " must be an absolute http(s) URL with a host and optional port only (no path, user"
        + " info, query or fragment), e.g. http://127.0.0.1:9000";
  }

  private static void duration(Duration value, Duration min, Duration max, String field) {
    Objects.requireNonNull(value, field);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
  }
}
