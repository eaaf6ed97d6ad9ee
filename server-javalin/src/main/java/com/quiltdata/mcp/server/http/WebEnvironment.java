package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.EnvironmentReader;
import com.quiltdata.mcp.auth.EnvironmentVariable;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.SessionLimits;
import com.quiltdata.mcp.auth.TokenPolicy;
import com.quiltdata.mcp.session.redis.RedisStoreSettings;
import com.quiltdata.mcp.tools.assembly.QuiltToolsSettings;
import com.quiltdata.mcp.tools.engine.CallLimits;
import com.quiltdata.mcp.tools.engine.ResultLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the web-mode settings from environment variables (docs/configuration.md, "HTTP server")
 * with the one {@link EnvironmentReader}: primary names win over the original {@code FASTMCP_*}
 * aliases, both set to different values is an error, the empty string counts as unset, and messages
 * name variables and the expected form, never a value (a mis-pasted secret must not reach a
 * terminal or a log).
 */
final class WebEnvironment {
  static final EnvironmentVariable HOST =
      EnvironmentVariable.text("MCP_HOST", HttpServerConfig.DEFAULT_HOST).withAlias("FASTMCP_HOST");
  static final EnvironmentVariable PORT =
      EnvironmentVariable.integer("MCP_PORT", 0, 65535, HttpServerConfig.DEFAULT_PORT)
          .withAlias("FASTMCP_PORT");
  static final EnvironmentVariable ALLOWED_ORIGINS =
      EnvironmentVariable.list(
          "MCP_ALLOWED_ORIGINS", String.join(",", HttpServerConfig.DEFAULT_ALLOWED_ORIGINS));
  static final EnvironmentVariable ALLOWED_HOSTS =
      EnvironmentVariable.list("MCP_ALLOWED_HOSTS", null);
  static final EnvironmentVariable ANONYMOUS_METHODS =
      EnvironmentVariable.list(
          "MCP_ANONYMOUS_METHODS", "initialize,notifications/initialized,ping");
  static final EnvironmentVariable SESSION_IDLE_TIMEOUT =
      EnvironmentVariable.duration("MCP_SESSION_IDLE_TIMEOUT", 1, 7 * 86_400, 3600);
  static final EnvironmentVariable MAX_SESSIONS =
      EnvironmentVariable.integer(
          "MCP_MAX_SESSIONS", 1, 1_000_000, SessionLimits.DEFAULTS.maxSessions());
  static final EnvironmentVariable MAX_SESSIONS_PER_SUBJECT =
      EnvironmentVariable.integer(
          "MCP_MAX_SESSIONS_PER_SUBJECT", 1, 1_000_000, SessionLimits.DEFAULT_SESSIONS_PER_SUBJECT);
  static final EnvironmentVariable MAX_HEADER_BYTES =
      EnvironmentVariable.integer(
          "MCP_MAX_HEADER_BYTES",
          HttpServerConfig.MIN_HEADER_BYTES,
          HttpServerConfig.MAX_HEADER_BYTES,
          HttpServerConfig.DEFAULT_HEADER_BYTES);
  static final EnvironmentVariable MAX_BODY_BYTES =
      EnvironmentVariable.integer(
          "MCP_MAX_BODY_BYTES",
          HttpServerConfig.MIN_BODY_BYTES,
          HttpServerConfig.MAX_BODY_BYTES,
          HttpServerConfig.DEFAULT_BODY_BYTES);
  static final EnvironmentVariable MAX_THREADS =
      EnvironmentVariable.integer("MCP_MAX_THREADS", 0, HttpServerConfig.MAX_THREADS, 0);
  static final EnvironmentVariable SSE_KEEPALIVE_SECONDS =
      EnvironmentVariable.integer(
          "MCP_SSE_KEEPALIVE_SECONDS",
          1,
          300,
          HttpServerConfig.DEFAULT_SSE_KEEP_ALIVE.getSeconds());
  static final EnvironmentVariable SESSION_STORE =
      EnvironmentVariable.text("MCP_SESSION_STORE", "memory");
  static final EnvironmentVariable SESSION_STORE_PASSWORD =
      EnvironmentVariable.text("MCP_SESSION_STORE_PASSWORD", null);
  static final EnvironmentVariable SESSION_STORE_CA_FILE =
      EnvironmentVariable.text("MCP_SESSION_STORE_CA_FILE", null);
  static final EnvironmentVariable SESSION_STORE_KEY_PREFIX =
      EnvironmentVariable.text(
          "MCP_SESSION_STORE_KEY_PREFIX", RedisStoreSettings.DEFAULT_KEY_PREFIX);
  static final EnvironmentVariable REGISTRY_URL =
      EnvironmentVariable.url("QUILT_REGISTRY_URL", null);
  static final EnvironmentVariable CATALOG_URL = EnvironmentVariable.url("QUILT_CATALOG_URL", null);
  static final EnvironmentVariable PUBLIC_URL = EnvironmentVariable.url("MCP_PUBLIC_URL", null);
  static final EnvironmentVariable LOG_FORMAT =
      EnvironmentVariable.choice("MCP_LOG_FORMAT", "text", "text", "json");

  /** The HTTP server's own variables. */
  static final List<EnvironmentVariable> OWN =
      List.of(
          HOST,
          PORT,
          ALLOWED_ORIGINS,
          ALLOWED_HOSTS,
          ANONYMOUS_METHODS,
          SESSION_IDLE_TIMEOUT,
          MAX_SESSIONS,
          MAX_SESSIONS_PER_SUBJECT,
          MAX_HEADER_BYTES,
          MAX_BODY_BYTES,
          MAX_THREADS,
          SSE_KEEPALIVE_SECONDS,
          SESSION_STORE,
          SESSION_STORE_PASSWORD,
          SESSION_STORE_CA_FILE,
          SESSION_STORE_KEY_PREFIX,
          REGISTRY_URL,
          CATALOG_URL,
          PUBLIC_URL,
          LOG_FORMAT);

  /** Every variable web mode reads: its own, the token policy's, the secret's and the tools'. */
  static final List<EnvironmentVariable> VARIABLES = variables();

  /** How log lines are laid out ({@link LogOutput} writes them). */
  enum LogFormat {
    TEXT,
    JSON;

    /** The value {@code MCP_LOG_FORMAT} takes for this layout. */
    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The layout for {@code value}; text unless it is {@code json}. */
    static LogFormat of(String value) {
      return "json".equals(value) ? JSON : TEXT;
    }
  }

  /**
   * Everything web mode needs.
   *
   * @param http the HTTP adapter settings
   * @param secret where the signing secret comes from
   * @param tokens accepted issuers and audiences (empty: unchecked)
   * @param sessions idle timeout, lifetime and bounds of legacy sessions
   * @param registryUrl the Quilt registry (credential exchange)
   * @param tools the tool set's settings (AWS, limits, test profile, read-only)
   * @param callLimits how many tool calls may run at once
   * @param resultLimits how large a tool result and a response may be
   * @param redis the Redis session store, or {@code null} for the in-memory one
   * @param logFormat log layout
   * @param metrics where Prometheus metrics are served (off by default)
   * @param tracing where spans are exported (off by default)
   * @param cpuSlots how many requests do CPU-bound work at once
   */
  record Settings(
      HttpServerConfig http,
      SecretSettings secret,
      TokenPolicy tokens,
      SessionLimits sessions,
      URI registryUrl,
      QuiltToolsSettings tools,
      CallLimits callLimits,
      ResultLimits resultLimits,
      RedisStoreSettings redis,
      LogFormat logFormat,
      MetricsSettings metrics,
      TraceSettings tracing,
      CpuSlotSettings cpuSlots) {}

  private WebEnvironment() {}

  /**
   * Reads and validates every setting.
   *
   * @throws IllegalArgumentException for a bad HTTP or tool setting (message names the variable)
   * @throws com.quiltdata.mcp.auth.AuthException for a bad secret setting
   */
  static Settings read(Map<String, String> env) {
    EnvironmentReader reader = EnvironmentReader.of(env);
    LogFormat logFormat = LogFormat.of(reader.choice(LOG_FORMAT));
    HttpServerConfig.Builder http = HttpServerConfig.builder();
    String host = reader.text(HOST);
    if (host != null) {
      apply(() -> http.host(host.trim()), HOST, "an IP address or host name");
    }
    int port = (int) reader.integer(PORT);
    apply(() -> http.port(port), PORT, PORT.range());
    if (reader.isSet(ALLOWED_ORIGINS)) {
      List<String> origins = reader.list(ALLOWED_ORIGINS);
      apply(
          () -> http.allowedOrigins(origins),
          ALLOWED_ORIGINS,
          "a comma list of origins like https://catalog.example.com or http://localhost:*");
    }
    if (reader.isSet(ALLOWED_HOSTS)) {
      List<String> hosts = reader.list(ALLOWED_HOSTS);
      apply(() -> http.allowedHosts(hosts), ALLOWED_HOSTS, "a comma list of names");
    }
    if (reader.isSet(ANONYMOUS_METHODS)) {
      List<String> listed = reader.list(ANONYMOUS_METHODS);
      List<String> methods =
          listed.size() == 1 && "none".equalsIgnoreCase(listed.get(0)) ? List.of() : listed;
      apply(
          () -> http.anonymousMethods(methods),
          ANONYMOUS_METHODS,
          "'none' or a comma list of initialize, notifications/initialized, ping,"
              + " server/discover");
    }
    int headerBytes = (int) reader.integer(MAX_HEADER_BYTES);
    http.maxHeaderBytes(headerBytes);
    int bodyBytes = (int) reader.integer(MAX_BODY_BYTES);
    http.maxBodyBytes(bodyBytes);
    int threads = (int) reader.integer(MAX_THREADS);
    apply(
        () -> http.maxThreads(threads),
        MAX_THREADS,
        "0 (the default pool) or an integer between "
            + HttpServerConfig.MIN_THREADS
            + " and "
            + HttpServerConfig.MAX_THREADS);
    http.sseKeepAlive(Duration.ofSeconds(reader.integer(SSE_KEEPALIVE_SECONDS)));
    http.traffic(TrafficLimits.fromEnvironment(env));
    URI registry = reader.url(REGISTRY_URL);
    if (registry == null) {
      throw new IllegalArgumentException(
          REGISTRY_URL.name()
              + " is required in web mode (the registry exchanges users' tokens for AWS"
              + " credentials): set it to the Quilt registry URL, e.g."
              + " https://registry.example.com");
    }
    URI catalog = reader.url(CATALOG_URL);
    http.authorizationServers(List.of(catalog != null ? catalog : registry));
    URI publicUrl = reader.url(PUBLIC_URL);
    if (publicUrl != null) {
      http.publicUrl(publicUrl);
    }
    SessionLimits sessions = sessionLimits(reader);
    QuiltToolsSettings tools = QuiltToolsSettings.fromEnvironment(env);
    TokenPolicy tokens = TokenPolicy.fromEnvironment(env);
    SecretSettings secret = SecretSettings.fromEnvironment(env);
    CallLimits callLimits = CallLimits.fromEnvironment(env);
    ResultLimits resultLimits = ResultLimits.fromEnvironment(env);
    RedisStoreSettings redis = sessionStore(reader);
    HttpServerConfig config = http.build();
    return new Settings(
        config,
        secret,
        tokens,
        sessions,
        registry,
        tools,
        callLimits,
        resultLimits,
        redis,
        logFormat,
        MetricsSettings.fromEnvironment(env),
        TraceSettings.fromEnvironment(env),
        CpuSlotSettings.fromEnvironment(
            env, Runtime.getRuntime().availableProcessors(), config.runsOnVirtualThreads()));
  }

  /** Idle timeout as set, an absolute lifetime of 24 h (or the idle timeout, if longer), bounds. */
  private static SessionLimits sessionLimits(EnvironmentReader reader) {
    Duration idle = reader.duration(SESSION_IDLE_TIMEOUT);
    int max = (int) reader.integer(MAX_SESSIONS);
    int perSubject = (int) reader.integer(MAX_SESSIONS_PER_SUBJECT);
    if (perSubject > max) {
      throw new IllegalArgumentException(
          MAX_SESSIONS_PER_SUBJECT.name() + " must not exceed " + MAX_SESSIONS.name());
    }
    Duration day = Duration.ofHours(24);
    return new SessionLimits(idle, idle.compareTo(day) > 0 ? idle : day, max, perSubject);
  }

  /**
   * {@code memory} (null), or the Redis store the URL names, trusting the CA file if one is set;
   * messages never echo the URL. A CA file without a Redis store, or with a plain {@code redis://}
   * one, is refused: a trust setting that would silently do nothing.
   */
  private static RedisStoreSettings sessionStore(EnvironmentReader reader) {
    String store = reader.text(SESSION_STORE);
    String caFile = reader.text(SESSION_STORE_CA_FILE);
    if (store == null || store.trim().equalsIgnoreCase("memory")) {
      if (caFile != null && !caFile.isBlank()) {
        throw new IllegalArgumentException(
            SESSION_STORE_CA_FILE.name() + " needs MCP_SESSION_STORE=rediss://host:port[/db]");
      }
      return null;
    }
    RedisStoreSettings settings;
    try {
      settings =
          RedisStoreSettings.parse(
              store, reader.text(SESSION_STORE_PASSWORD), reader.text(SESSION_STORE_KEY_PREFIX));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SESSION_STORE.name()
              + " must be memory, redis://host:port[/db] or rediss://host:port[/db] ("
              + e.getMessage()
              + ")");
    }
    if (caFile == null || caFile.isBlank()) {
      return settings;
    }
    try {
      return settings.withCaFile(Path.of(caFile.trim()));
    } catch (IllegalArgumentException e) { // InvalidPathException too
      throw new IllegalArgumentException(
          SESSION_STORE_CA_FILE.name()
              + " must be a PEM file of CA certificates, with a rediss:// MCP_SESSION_STORE ("
              + e.getMessage()
              + ")");
    }
  }

  private static void apply(Runnable setter, EnvironmentVariable v, String expected) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(v.name() + " must be " + expected);
    }
  }

  private static List<EnvironmentVariable> variables() {
    List<EnvironmentVariable> out = new ArrayList<>(OWN);
    out.addAll(TrafficLimits.VARIABLES);
    out.addAll(CpuSlotSettings.VARIABLES);
    out.addAll(MetricsSettings.VARIABLES);
    out.addAll(TraceSettings.VARIABLES);
    out.addAll(CallLimits.VARIABLES);
    out.addAll(ResultLimits.VARIABLES);
    out.addAll(TokenPolicy.VARIABLES);
    out.addAll(SecretSettings.VARIABLES);
    out.addAll(QuiltToolsSettings.VARIABLES);
    return List.copyOf(out);
  }
}
