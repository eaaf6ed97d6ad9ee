package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.tools.TestTools;
import com.quiltdata.mcp.tools.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Reads the web-mode settings from environment variables (docs/configuration.md, "HTTP server").
 * Primary names win over the original {@code FASTMCP_*} aliases; both set to different values is an
 * error. The empty string counts as unset. Messages name variables and the expected form, never a
 * value (a mis-pasted secret must not reach a terminal or a log).
 */
final class WebEnvironment {
  static final String HOST = "MCP_HOST";
  static final String HOST_ALIAS = "FASTMCP_HOST";
  static final String PORT = "MCP_PORT";
  static final String PORT_ALIAS = "FASTMCP_PORT";
  static final String ALLOWED_ORIGINS = "MCP_ALLOWED_ORIGINS";
  static final String ALLOWED_HOSTS = "MCP_ALLOWED_HOSTS";
  static final String JWT_ISSUER = "MCP_JWT_ISSUER";
  static final String JWT_AUDIENCE = "MCP_JWT_AUDIENCE";
  static final String ANONYMOUS_METHODS = "MCP_ANONYMOUS_METHODS";
  static final String SESSION_IDLE_TIMEOUT = "MCP_SESSION_IDLE_TIMEOUT";
  static final String MAX_HEADER_BYTES = "MCP_MAX_HEADER_BYTES";
  static final String MAX_BODY_BYTES = "MCP_MAX_BODY_BYTES";
  static final String MAX_THREADS = "MCP_MAX_THREADS";
  static final String CATALOG_URL = "QUILT_CATALOG_URL";
  static final String REGISTRY_URL = "QUILT_REGISTRY_URL";
  static final String PUBLIC_URL = "MCP_PUBLIC_URL";
  static final String TEST_TOOLS = "MCP_TEST_TOOLS";
  static final String LOG_FORMAT = "MCP_LOG_FORMAT";

  /** Default sliding idle timeout of a session. */
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

  /** How log lines are laid out. */
  enum LogFormat {
    TEXT("logback.xml"),
    JSON("logback-json.xml");

    private final String resource;

    LogFormat(String resource) {
      this.resource = resource;
    }

    /** The logback configuration resource on the class path. */
    String resource() {
      return resource;
    }
  }

  /**
   * Everything web mode needs.
   *
   * @param http the HTTP adapter settings
   * @param secret where the signing secret comes from
   * @param issuers accepted {@code iss} values (empty: unchecked)
   * @param audiences accepted {@code aud} values (empty: unchecked)
   * @param sessionIdleTimeout sliding idle timeout of sessions
   * @param registryUrl the Quilt registry (credential exchange)
   * @param testTools test-only tool profile
   * @param logFormat log layout
   * @param s3 region, endpoint and limits of the S3 tools
   */
  record Settings(
      HttpServerConfig http,
      SecretSettings secret,
      Set<String> issuers,
      Set<String> audiences,
      Duration sessionIdleTimeout,
      URI registryUrl,
      TestTools testTools,
      LogFormat logFormat,
      S3Settings s3) {}

  private WebEnvironment() {}

  /**
   * Reads and validates every setting.
   *
   * @throws IllegalArgumentException for a bad HTTP setting (message names the variable)
   * @throws com.quiltdata.mcp.auth.AuthException for a bad secret setting
   */
  static Settings read(Map<String, String> env) {
    LogFormat logFormat = logFormat(get(env, LOG_FORMAT));
    HttpServerConfig.Builder http = HttpServerConfig.builder();
    String host = pick(env, HOST, HOST_ALIAS);
    if (host != null) {
      apply(() -> http.host(host), HOST, "an IP address or host name");
    }
    String port = pick(env, PORT, PORT_ALIAS);
    if (port != null) {
      int p = integer(port, PORT, "an integer between 0 and 65535");
      apply(() -> http.port(p), PORT, "an integer between 0 and 65535");
    }
    String origins = get(env, ALLOWED_ORIGINS);
    if (origins != null) {
      apply(
          () -> http.allowedOrigins(commaList(origins)),
          ALLOWED_ORIGINS,
          "a comma list of origins like https://catalog.example.com or http://localhost:*");
    }
    String hosts = get(env, ALLOWED_HOSTS);
    if (hosts != null) {
      apply(() -> http.allowedHosts(commaList(hosts)), ALLOWED_HOSTS, "a comma list of names");
    }
    String anonymous = get(env, ANONYMOUS_METHODS);
    if (anonymous != null) {
      List<String> methods =
          "none".equalsIgnoreCase(anonymous.trim()) ? List.of() : commaList(anonymous);
      apply(
          () -> http.anonymousMethods(methods),
          ANONYMOUS_METHODS,
          "'none' or a comma list of initialize, notifications/initialized, ping,"
              + " server/discover");
    }
    integerSetting(
        env,
        MAX_HEADER_BYTES,
        "",
        HttpServerConfig.MIN_HEADER_BYTES,
        HttpServerConfig.MAX_HEADER_BYTES,
        http::maxHeaderBytes);
    integerSetting(
        env,
        MAX_BODY_BYTES,
        "",
        HttpServerConfig.MIN_BODY_BYTES,
        HttpServerConfig.MAX_BODY_BYTES,
        http::maxBodyBytes);
    integerSetting(
        env,
        MAX_THREADS,
        "0 (the default pool) or ",
        HttpServerConfig.MIN_THREADS,
        HttpServerConfig.MAX_THREADS,
        http::maxThreads);
    URI registry = url(get(env, REGISTRY_URL), REGISTRY_URL);
    if (registry == null) {
      throw new IllegalArgumentException(
          REGISTRY_URL
              + " is required in web mode (the registry exchanges users' tokens for AWS"
              + " credentials): set it to the Quilt registry URL, e.g."
              + " https://registry.example.com");
    }
    URI catalog = url(get(env, CATALOG_URL), CATALOG_URL);
    http.authorizationServers(List.of(catalog != null ? catalog : registry));
    URI publicUrl = url(get(env, PUBLIC_URL), PUBLIC_URL);
    if (publicUrl != null) {
      http.publicUrl(publicUrl);
    }
    Duration idle = duration(get(env, SESSION_IDLE_TIMEOUT), SESSION_IDLE_TIMEOUT);
    TestTools testTools;
    try {
      testTools = TestTools.parse(get(env, TEST_TOOLS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TEST_TOOLS + " must be 'conformance' or unset");
    }
    S3Settings s3 = S3Settings.fromEnvironment(env);
    SecretSettings secret = SecretSettings.fromEnvironment(env);
    return new Settings(
        http.build(),
        secret,
        commaSet(get(env, JWT_ISSUER)),
        commaSet(get(env, JWT_AUDIENCE)),
        idle,
        registry,
        testTools,
        logFormat,
        s3);
  }

  private static LogFormat logFormat(String value) {
    if (value == null) {
      return LogFormat.TEXT;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text":
        return LogFormat.TEXT;
      case "json":
        return LogFormat.JSON;
      default:
        throw new IllegalArgumentException(LOG_FORMAT + " must be 'text' or 'json'");
    }
  }

  /** A duration in whole seconds ({@code 900}) or ISO-8601 ({@code PT15M}), 1 s to 7 days. */
  static Duration duration(String value, String name) {
    if (value == null) {
      return DEFAULT_IDLE_TIMEOUT;
    }
    String v = value.trim();
    Duration d;
    try {
      d =
          v.chars().allMatch(Character::isDigit) && v.length() <= 7
              ? Duration.ofSeconds(Long.parseLong(v))
              : Duration.parse(v);
    } catch (NumberFormatException | DateTimeParseException e) {
      d = null;
    }
    if (d == null
        || d.compareTo(Duration.ofSeconds(1)) < 0
        || d.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          name + " must be seconds (e.g. 3600) or an ISO-8601 duration (e.g. PT1H), 1 s to 7 days");
    }
    return d;
  }

  private static URI url(String value, String name) {
    if (value == null) {
      return null;
    }
    String message =
        name + " must be an absolute http(s) URL with a host, without user info, query or fragment";
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(message);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(message);
    }
    return uri;
  }

  /** Applies an integer variable when set; a bad value is named with the accepted range. */
  private static void integerSetting(
      Map<String, String> env,
      String name,
      String alternative,
      int min,
      int max,
      IntConsumer setter) {
    String value = get(env, name);
    if (value == null) {
      return;
    }
    String expected = alternative + "an integer between " + min + " and " + max;
    int n = integer(value, name, expected);
    apply(() -> setter.accept(n), name, expected);
  }

  private static int integer(String value, String name, String expected) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be " + expected);
    }
  }

  private static void apply(Runnable setter, String name, String expected) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be " + expected);
    }
  }

  /** The primary variable, else its alias; both set to different values is an error. */
  private static String pick(Map<String, String> env, String primary, String alias) {
    String p = get(env, primary);
    String a = get(env, alias);
    if (p != null && a != null && !p.equals(a)) {
      throw new IllegalArgumentException(
          primary
              + " and its alias "
              + alias
              + " are set to different values; set only "
              + primary);
    }
    return p != null ? p : a;
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  static List<String> commaList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static Set<String> commaSet(String value) {
    return value == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(commaList(value)));
  }
}
