package com.quiltdata.mcp.tools.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How the S3 tools reach S3 and the limits they enforce. Immutable; build it with {@link
 * #fromEnvironment(Map)} (servers pass the environment map they were started with) or {@link
 * #defaults()} and the {@code with...} methods.
 *
 * @param region the region S3 requests are signed for ({@code AWS_REGION}, else {@code
 *     AWS_DEFAULT_REGION}, else {@code us-east-1})
 * @param endpoint a custom S3 endpoint ({@code AWS_ENDPOINT_URL_S3}, else {@code
 *     AWS_ENDPOINT_URL}); {@code null} for AWS itself. When set, requests use path-style addressing
 *     ({@code endpoint/bucket/key}), which every S3-compatible store understands
 * @param maxReadBytes the largest {@code max_bytes} {@code bucket_object_text} and {@code
 *     bucket_object_fetch} accept ({@code MCP_S3_MAX_READ_BYTES})
 * @param maxPutItems the most items one {@code bucket_objects_put} call may write ({@code
 *     MCP_S3_MAX_PUT_ITEMS})
 * @param maxPutBytes the most bytes (decoded) one {@code bucket_objects_put} call may write ({@code
 *     MCP_S3_MAX_PUT_BYTES})
 * @param maxLinkLifetime the longest lifetime of a presigned URL ({@code MCP_S3_MAX_LINK_SECONDS});
 *     links never outlive the credentials that sign them either
 * @param clientCacheSize how many users' S3 clients are kept
 * @param clientIdleTimeout how long an unused S3 client is kept
 * @param connectTimeout TCP connect timeout of S3 requests
 * @param socketTimeout read timeout of S3 requests
 * @param apiCallTimeout the longest one S3 operation may take, retries included
 * @param maxAttempts attempts per S3 operation (1 = no retry); throttling and 5xx are retried
 */
public record S3Settings(
    String region,
    URI endpoint,
    int maxReadBytes,
    int maxPutItems,
    long maxPutBytes,
    Duration maxLinkLifetime,
    int clientCacheSize,
    Duration clientIdleTimeout,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration apiCallTimeout,
    int maxAttempts) {

  /** Region used when neither {@code AWS_REGION} nor {@code AWS_DEFAULT_REGION} is set. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** Default of {@link #maxReadBytes()}: 1 MiB. */
  public static final int DEFAULT_MAX_READ_BYTES = 1024 * 1024;

  /** Default of {@link #maxPutItems()}. */
  public static final int DEFAULT_MAX_PUT_ITEMS = 100;

  /** Default of {@link #maxPutBytes()}: 8 MiB. */
  public static final long DEFAULT_MAX_PUT_BYTES = 8L * 1024 * 1024;

  /** Default and upper bound of {@link #maxLinkLifetime()}: 7 days, the SigV4 maximum. */
  public static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);

  static final String REGION = "AWS_REGION";
  static final String DEFAULT_REGION_VARIABLE = "AWS_DEFAULT_REGION";
  static final String ENDPOINT = "AWS_ENDPOINT_URL";
  static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
  static final String MAX_READ_BYTES = "MCP_S3_MAX_READ_BYTES";
  static final String MAX_PUT_ITEMS = "MCP_S3_MAX_PUT_ITEMS";
  static final String MAX_PUT_BYTES = "MCP_S3_MAX_PUT_BYTES";
  static final String MAX_LINK_SECONDS = "MCP_S3_MAX_LINK_SECONDS";

  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+){1,4}");
  private static final int MIN_READ_BYTES = 1024;
  private static final int MAX_READ_BYTES_LIMIT = 16 * 1024 * 1024;
  private static final int MAX_PUT_ITEMS_LIMIT = 1000;
  private static final long MIN_PUT_BYTES = 1024;
  private static final long MAX_PUT_BYTES_LIMIT = 256L * 1024 * 1024;

  /** Validates every field; messages name the field and the accepted range. */
  public S3Settings {
    Objects.requireNonNull(region, "region");
    if (!REGION_NAME.matcher(region).matches()) {
      throw new IllegalArgumentException("region must be an AWS region name such as us-east-1");
    }
    if (endpoint != null) {
      checkEndpoint(endpoint, "endpoint");
    }
    range(maxReadBytes, MIN_READ_BYTES, MAX_READ_BYTES_LIMIT, "maxReadBytes");
    range(maxPutItems, 1, MAX_PUT_ITEMS_LIMIT, "maxPutItems");
    range(maxPutBytes, MIN_PUT_BYTES, MAX_PUT_BYTES_LIMIT, "maxPutBytes");
    duration(maxLinkLifetime, Duration.ofSeconds(1), MAX_LINK_LIFETIME, "maxLinkLifetime");
    range(clientCacheSize, 1, 100_000, "clientCacheSize");
    duration(clientIdleTimeout, Duration.ofSeconds(1), Duration.ofDays(1), "clientIdleTimeout");
    duration(connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(5), "connectTimeout");
    duration(socketTimeout, Duration.ofMillis(100), Duration.ofMinutes(5), "socketTimeout");
    duration(apiCallTimeout, Duration.ofMillis(100), Duration.ofMinutes(30), "apiCallTimeout");
    range(maxAttempts, 1, 10, "maxAttempts");
  }

  /** AWS with every limit at its default. */
  public static S3Settings defaults() {
    return new S3Settings(
        DEFAULT_REGION,
        null,
        DEFAULT_MAX_READ_BYTES,
        DEFAULT_MAX_PUT_ITEMS,
        DEFAULT_MAX_PUT_BYTES,
        MAX_LINK_LIFETIME,
        1000,
        Duration.ofMinutes(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        3);
  }

  /**
   * Reads the settings from environment variables (see docs/configuration.md, "S3 tools"). The
   * empty string counts as unset.
   *
   * @throws IllegalArgumentException naming the variable and the expected form (never its value)
   */
  public static S3Settings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    S3Settings d = defaults();
    return d.withRegion(region(env, d.region))
        .withEndpoint(endpoint(env, d.endpoint))
        .withMaxReadBytes(
            (int) number(env, MAX_READ_BYTES, MIN_READ_BYTES, MAX_READ_BYTES_LIMIT, d.maxReadBytes))
        .withPutLimits(
            (int) number(env, MAX_PUT_ITEMS, 1, MAX_PUT_ITEMS_LIMIT, d.maxPutItems),
            number(env, MAX_PUT_BYTES, MIN_PUT_BYTES, MAX_PUT_BYTES_LIMIT, d.maxPutBytes))
        .withMaxLinkLifetime(seconds(env, MAX_LINK_SECONDS, MAX_LINK_LIFETIME, d.maxLinkLifetime));
  }

  /** The custom endpoint, if one is configured. */
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpoint);
  }

  /** Whether requests use path-style addressing (always with a custom endpoint). */
  public boolean pathStyle() {
    return endpoint != null;
  }

  /** A copy with another region. */
  public S3Settings withRegion(String newRegion) {
    return copy(d -> d.region = newRegion);
  }

  /** A copy with a custom endpoint ({@code null}: AWS). */
  public S3Settings withEndpoint(URI newEndpoint) {
    return copy(d -> d.endpoint = newEndpoint);
  }

  /** A copy with another read ceiling. */
  public S3Settings withMaxReadBytes(int bytes) {
    return copy(d -> d.maxReadBytes = bytes);
  }

  /** A copy with other put limits. */
  public S3Settings withPutLimits(int items, long bytes) {
    return copy(
        d -> {
          d.maxPutItems = items;
          d.maxPutBytes = bytes;
        });
  }

  /** A copy with another presigned URL ceiling. */
  public S3Settings withMaxLinkLifetime(Duration lifetime) {
    return copy(d -> d.maxLinkLifetime = lifetime);
  }

  /** A copy with another client cache size and idle timeout. */
  public S3Settings withClientCache(int size, Duration idleTimeout) {
    return copy(
        d -> {
          d.clientCacheSize = size;
          d.clientIdleTimeout = idleTimeout;
        });
  }

  /** A copy with other timeouts and attempts. */
  public S3Settings withRequestPolicy(
      Duration connect, Duration socket, Duration apiCall, int attempts) {
    return copy(
        d -> {
          d.connectTimeout = connect;
          d.socketTimeout = socket;
          d.apiCallTimeout = apiCall;
          d.maxAttempts = attempts;
        });
  }

  @Override
  public String toString() {
    return "S3Settings[region="
        + region
        + ", endpoint="
        + (endpoint == null ? "aws" : endpoint)
        + ", maxReadBytes="
        + maxReadBytes
        + ", maxPutItems="
        + maxPutItems
        + ", maxPutBytes="
        + maxPutBytes
        + ", maxLinkLifetime="
        + maxLinkLifetime
        + "]";
  }

  private static URI endpoint(String value, String variable) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(endpointMessage(variable));
    }
    try {
      checkEndpoint(uri, variable);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(endpointMessage(variable));
    }
    return uri;
  }

  private static void checkEndpoint(URI uri, String name) {
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

  /** The region from the environment, lower-cased, or {@code fallback} when unset. */
  private static String region(Map<String, String> env, String fallback) {
    String variable = get(env, REGION) != null ? REGION : DEFAULT_REGION_VARIABLE;
    String value = get(env, variable);
    if (value == null) {
      return fallback;
    }
    String region = value.trim().toLowerCase(Locale.ROOT);
    if (!REGION_NAME.matcher(region).matches()) {
      throw new IllegalArgumentException(
          variable + " must be an AWS region name such as us-east-1");
    }
    return region;
  }

  /** The custom endpoint from the environment, or {@code fallback} when unset. */
  private static URI endpoint(Map<String, String> env, URI fallback) {
    String variable = get(env, ENDPOINT_S3) != null ? ENDPOINT_S3 : ENDPOINT;
    String value = get(env, variable);
    return value == null ? fallback : endpoint(value.trim(), variable);
  }

  /** An integer variable within bounds, or {@code fallback} when unset. */
  private static long number(
      Map<String, String> env, String variable, long min, long max, long fallback) {
    String value = get(env, variable);
    if (value == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          variable + " must be an integer between " + min + " and " + max);
    }
    return n;
  }

  /** A whole number of seconds from 1 to {@code max}, or {@code fallback} when unset. */
  private static Duration seconds(
      Map<String, String> env, String variable, Duration max, Duration fallback) {
    return Duration.ofSeconds(number(env, variable, 1, max.getSeconds(), fallback.getSeconds()));
  }

  private static void range(long value, long min, long max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
  }

  private static void duration(Duration value, Duration min, Duration max, String field) {
    Objects.requireNonNull(value, field);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** A copy with {@code change} applied, validated like any other instance. */
  private S3Settings copy(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The fields of a copy being made; only {@link #copy} uses it. */
  private static final class Draft {
    String region;
    URI endpoint;
    int maxReadBytes;
    int maxPutItems;
    long maxPutBytes;
    Duration maxLinkLifetime;
    int clientCacheSize;
    Duration clientIdleTimeout;
    Duration connectTimeout;
    Duration socketTimeout;
    Duration apiCallTimeout;
    int maxAttempts;

    Draft(S3Settings s) {
      region = s.region;
      endpoint = s.endpoint;
      maxReadBytes = s.maxReadBytes;
      maxPutItems = s.maxPutItems;
      maxPutBytes = s.maxPutBytes;
      maxLinkLifetime = s.maxLinkLifetime;
      clientCacheSize = s.clientCacheSize;
      clientIdleTimeout = s.clientIdleTimeout;
      connectTimeout = s.connectTimeout;
      socketTimeout = s.socketTimeout;
      apiCallTimeout = s.apiCallTimeout;
      maxAttempts = s.maxAttempts;
    }

    S3Settings build() {
      return new S3Settings(
          region,
          endpoint,
          maxReadBytes,
          maxPutItems,
          maxPutBytes,
          maxLinkLifetime,
          clientCacheSize,
          clientIdleTimeout,
          connectTimeout,
          socketTimeout,
          apiCallTimeout,
          maxAttempts);
    }
  }
}
