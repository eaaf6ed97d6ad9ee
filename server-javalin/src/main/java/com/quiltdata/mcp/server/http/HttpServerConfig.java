package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.jwt.VerifierConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the HTTP adapter needs to know: where to listen, whom to let in, how large requests may be,
 * which methods may run without a token, and how to describe itself as a protected resource.
 * Immutable and thread-safe; built with {@link #builder()}, whose setters validate at once and name
 * the bad field. Only {@code Main} reads the environment into one of these.
 */
public final class HttpServerConfig {
  /** Default address to bind: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port, by convention of the original server. */
  public static final int DEFAULT_PORT = 8000;

  /**
   * Room the header limit keeps beside the largest token the verifier accepts: the {@code
   * Authorization: Bearer } prefix and every other header a browser or proxy sends.
   */
  public static final int HEADER_HEADROOM_BYTES = 8 * 1024;

  /**
   * Smallest header limit: the largest accepted token ({@value
   * VerifierConfig#DEFAULT_MAX_TOKEN_LENGTH} characters) plus {@link #HEADER_HEADROOM_BYTES}, so a
   * maximal token always fits with its request's other headers.
   */
  public static final int MIN_HEADER_BYTES =
      VerifierConfig.DEFAULT_MAX_TOKEN_LENGTH + HEADER_HEADROOM_BYTES;

  /** Default header limit: 32 KiB (real Quilt tokens are 4-8 KB, the largest accepted 16 KiB). */
  public static final int DEFAULT_HEADER_BYTES = 32 * 1024;

  /** Largest header limit. */
  public static final int MAX_HEADER_BYTES = 1024 * 1024;

  /** Default body limit: 1 MiB. */
  public static final int DEFAULT_BODY_BYTES = 1024 * 1024;

  /** Smallest body limit. */
  public static final int MIN_BODY_BYTES = 1024;

  /** Largest body limit: 64 MiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  /** Default time in-flight requests get to finish when the server stops. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The methods that may run without a token: the handshake the Quilt frontend does first. */
  public static final Set<String> DEFAULT_ANONYMOUS_METHODS =
      Set.of("initialize", "notifications/initialized", "ping");

  /**
   * The only methods that may ever be configured as anonymous: the handshake and probing surface.
   * Tools are never anonymous.
   */
  public static final Set<String> ANONYMOUS_CAPABLE_METHODS =
      Set.of("initialize", "notifications/initialized", "ping", "server/discover");

  /** The smallest thread pool accepted: Jetty needs threads of its own besides the workers. */
  public static final int MIN_THREADS = 8;

  /** The largest thread pool accepted. */
  public static final int MAX_THREADS = 2000;

  /** Default interval of SSE keep-alive comments: well under a load balancer's 60 s. */
  public static final Duration DEFAULT_SSE_KEEP_ALIVE = Duration.ofSeconds(15);

  /** Default allowed browser origins: pages served from this machine, on any port. */
  public static final List<String> DEFAULT_ALLOWED_ORIGINS =
      List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");

  private final String host;
  private final int port;
  private final List<OriginPattern> allowedOrigins;
  private final List<String> allowedHosts;
  private final Set<String> anonymousMethods;
  private final int maxHeaderBytes;
  private final int maxBodyBytes;
  private final URI publicUrl;
  private final List<URI> authorizationServers;
  private final Duration shutdownTimeout;
  private final boolean useVirtualThreads;
  private final int maxThreads;
  private final Duration sseKeepAlive;
  private final TrafficLimits traffic;

  private HttpServerConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.allowedOrigins = List.copyOf(b.allowedOrigins);
    this.allowedHosts = List.copyOf(b.allowedHosts);
    this.anonymousMethods = Set.copyOf(b.anonymousMethods);
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.publicUrl = b.publicUrl;
    this.authorizationServers = List.copyOf(b.authorizationServers);
    this.shutdownTimeout = b.shutdownTimeout;
    this.useVirtualThreads = b.useVirtualThreads;
    this.maxThreads = b.maxThreads;
    this.sseKeepAlive = b.sseKeepAlive;
    this.traffic = b.traffic;
  }

  /** Body deadline, body buffer budget and connections per peer address. */
  public TrafficLimits traffic() {
    return traffic;
  }

  /**
   * How often a streamed (SSE) answer carries a keep-alive comment while its tool call runs; a
   * {@code tools/call} from a client that accepts SSE switches to a stream after this long even
   * without progress, so a load balancer's idle timeout never cuts a long call.
   */
  public Duration sseKeepAlive() {
    return sseKeepAlive;
  }

  /** Starts a builder with the defaults (127.0.0.1:8000, localhost origins, 16 KiB, 1 MiB). */
  public static Builder builder() {
    return new Builder();
  }

  /** The address to bind. */
  public String host() {
    return host;
  }

  /** The port to bind; 0 picks a free port (see {@link McpHttpServer#port()}). */
  public int port() {
    return port;
  }

  /** Allowed {@code Origin} patterns, as configured. */
  public List<String> allowedOrigins() {
    List<String> out = new ArrayList<>();
    allowedOrigins.forEach(p -> out.add(p.toString()));
    return List.copyOf(out);
  }

  List<OriginPattern> originPatterns() {
    return allowedOrigins;
  }

  /** Allowed {@code Host} names for a non-loopback bind; empty means any. Lower case. */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  /** JSON-RPC methods that may run without a bearer token. */
  public Set<String> anonymousMethods() {
    return anonymousMethods;
  }

  /** Largest total size of the request's header lines. */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /** Largest request body. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The public URL of the MCP endpoint, if configured (else derived from each request). */
  public Optional<URI> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }

  /** The authorization servers named in the protected-resource metadata. */
  public List<URI> authorizationServers() {
    return authorizationServers;
  }

  /** How long in-flight requests may take to finish on {@link McpHttpServer#stop()}. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Whether requests run on virtual threads when the JVM has them. */
  public boolean useVirtualThreads() {
    return useVirtualThreads;
  }

  /** Whether requests run on virtual threads on this JVM (asked for, and Java 21 or newer). */
  public boolean runsOnVirtualThreads() {
    return useVirtualThreads && Runtime.version().feature() >= 21;
  }

  @Override
  public String toString() {
    return "HttpServerConfig[host="
        + host
        + ", port="
        + port
        + ", allowedOrigins="
        + allowedOrigins()
        + ", allowedHosts="
        + (allowedHosts.isEmpty() ? "(any)" : allowedHosts)
        + ", anonymousMethods="
        + new TreeSet<>(anonymousMethods)
        + ", maxHeaderBytes="
        + maxHeaderBytes
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", publicUrl="
        + (publicUrl == null ? "(from request)" : publicUrl)
        + ", authorizationServers="
        + authorizationServers
        + ", maxThreads="
        + (maxThreads == 0 ? "(default)" : maxThreads)
        + ", "
        + traffic
        + "]";
  }

  /**
   * The most platform threads serving requests when they do not run on virtual threads; 0 keeps
   * Javalin's default pool.
   */
  public int maxThreads() {
    return maxThreads;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private List<OriginPattern> allowedOrigins = parseOrigins(DEFAULT_ALLOWED_ORIGINS);
    private List<String> allowedHosts = List.of();
    private Set<String> anonymousMethods = DEFAULT_ANONYMOUS_METHODS;
    private Duration sseKeepAlive = DEFAULT_SSE_KEEP_ALIVE;
    private int maxHeaderBytes = DEFAULT_HEADER_BYTES;
    private int maxBodyBytes = DEFAULT_BODY_BYTES;
    private URI publicUrl;
    private List<URI> authorizationServers = List.of();
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private boolean useVirtualThreads = true;
    private int maxThreads;
    private TrafficLimits traffic = TrafficLimits.DEFAULTS;

    private Builder() {}

    /**
     * Body deadline, body buffer budget and connections per address. Default {@link
     * TrafficLimits#DEFAULTS}.
     */
    public Builder traffic(TrafficLimits traffic) {
      this.traffic = Objects.requireNonNull(traffic, "traffic");
      return this;
    }

    /** The address to bind: an IP literal or host name. Default {@code 127.0.0.1}. */
    public Builder host(String host) {
      if (host == null || host.isBlank() || host.length() > 253 || !visibleAscii(host)) {
        throw new IllegalArgumentException("host must be an IP address or host name");
      }
      this.host = host;
      return this;
    }

    /** The port: 0 (any free port) to 65535. Default 8000. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * The allowed browser origins: {@code scheme://host}, {@code scheme://host:port}, {@code
     * scheme://host:*} (any port) or {@code *} (any origin). Requests without an {@code Origin}
     * header are always allowed. Default: {@link #DEFAULT_ALLOWED_ORIGINS}.
     */
    public Builder allowedOrigins(Collection<String> origins) {
      Objects.requireNonNull(origins, "allowedOrigins");
      this.allowedOrigins = parseOrigins(origins);
      return this;
    }

    /**
     * The allowed {@code Host} header names (case-insensitive, any port, or {@code name:port} for
     * one port) when bound to a non-loopback address; empty means any. Ignored for loopback binds,
     * which accept only localhost names.
     */
    public Builder allowedHosts(Collection<String> hosts) {
      Objects.requireNonNull(hosts, "allowedHosts");
      List<String> out = new ArrayList<>();
      boolean any = false;
      for (String h : hosts) {
        if (h == null || h.isBlank() || h.length() > 260 || !visibleAscii(h)) {
          throw new IllegalArgumentException("allowedHosts entries must be host names");
        }
        if ("*".equals(h)) {
          any = true;
        } else {
          out.add(h.toLowerCase(Locale.ROOT));
        }
      }
      this.allowedHosts = any ? List.of() : List.copyOf(out);
      return this;
    }

    /**
     * The methods that may run without a token; each must be one of {@link
     * #ANONYMOUS_CAPABLE_METHODS}. Empty: every request needs a token.
     */
    public Builder anonymousMethods(Collection<String> methods) {
      Objects.requireNonNull(methods, "anonymousMethods");
      Set<String> out = new LinkedHashSet<>();
      for (String m : methods) {
        if (!ANONYMOUS_CAPABLE_METHODS.contains(m)) {
          throw new IllegalArgumentException(
              "anonymousMethods may only contain "
                  + new TreeSet<>(ANONYMOUS_CAPABLE_METHODS)
                  + "; tools never run without a token");
        }
        out.add(m);
      }
      this.anonymousMethods = out;
      return this;
    }

    /** The header limit: {@value #MIN_HEADER_BYTES} to {@value #MAX_HEADER_BYTES}. */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      if (maxHeaderBytes < MIN_HEADER_BYTES || maxHeaderBytes > MAX_HEADER_BYTES) {
        throw new IllegalArgumentException(
            "maxHeaderBytes must be between "
                + MIN_HEADER_BYTES
                + " (the largest accepted token plus room for the other headers) and "
                + MAX_HEADER_BYTES);
      }
      this.maxHeaderBytes = maxHeaderBytes;
      return this;
    }

    /** The body limit: {@value #MIN_BODY_BYTES} to {@value #MAX_BODY_BYTES}. Default 1 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be between " + MIN_BODY_BYTES + " and " + MAX_BODY_BYTES);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The public URL of the MCP endpoint (for example {@code https://mcp.example.com/mcp}): the
     * {@code resource} of the protected-resource metadata. {@code null}: derived from each request.
     */
    public Builder publicUrl(URI publicUrl) {
      if (publicUrl != null) {
        requireHttpUrl(publicUrl, "publicUrl");
      }
      this.publicUrl = publicUrl;
      return this;
    }

    /** The authorization servers (the Quilt catalog or registry): absolute http(s) URLs. */
    public Builder authorizationServers(Collection<URI> servers) {
      Objects.requireNonNull(servers, "authorizationServers");
      for (URI u : servers) {
        requireHttpUrl(u, "authorizationServers");
      }
      this.authorizationServers = List.copyOf(servers);
      return this;
    }

    /** Time in-flight requests get on stop: 0 to 5 minutes. Default 10 s. */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      if (shutdownTimeout.isNegative() || shutdownTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("shutdownTimeout must be between 0 and 5 minutes");
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** Whether to run requests on virtual threads when available (Java 21+). Default true. */
    public Builder useVirtualThreads(boolean useVirtualThreads) {
      this.useVirtualThreads = useVirtualThreads;
      return this;
    }

    /**
     * Caps the platform thread pool (Java 17-20, or virtual threads off): {@value #MIN_THREADS} to
     * {@value #MAX_THREADS}, or 0 (default) for Javalin's own pool. A pool near the core count
     * suits CPU-bound traffic; tools that wait on S3 or the registry need more.
     */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads != 0 && (maxThreads < MIN_THREADS || maxThreads > MAX_THREADS)) {
        throw new IllegalArgumentException(
            "maxThreads must be 0 (default pool) or between "
                + MIN_THREADS
                + " and "
                + MAX_THREADS);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /** The SSE keep-alive interval: 1 s to 5 minutes. Default 15 s. */
    public Builder sseKeepAlive(Duration interval) {
      Objects.requireNonNull(interval, "sseKeepAlive");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0
          || interval.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("sseKeepAlive must be between 1 second and 5 minutes");
      }
      this.sseKeepAlive = interval;
      return this;
    }

    /** Builds the immutable configuration. */
    public HttpServerConfig build() {
      return new HttpServerConfig(this);
    }

    private static List<OriginPattern> parseOrigins(Collection<String> origins) {
      List<OriginPattern> out = new ArrayList<>();
      for (String o : origins) {
        out.add(OriginPattern.parse(o));
      }
      return List.copyOf(out);
    }

    private static void requireHttpUrl(URI u, String field) {
      if (u == null
          || !u.isAbsolute()
          || u.getHost() == null
          || u.getRawUserInfo() != null
          || u.getRawQuery() != null
          || u.getRawFragment() != null
          || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
        throw new IllegalArgumentException(
            field
                + " must be absolute http(s) URLs with a host, without user info, query or"
                + " fragment");
      }
    }

    private static boolean visibleAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          return false;
        }
      }
      return true;
    }
  }
}
