package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.Authenticator;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.TraceParent;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.engine.McpEngine;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Streamable HTTP server: Javalin (Jetty) routes in front of an {@link McpEngine}.
 *
 * <p>Every request passes, in this order: the origin guard ({@code Host} and {@code Origin}, 403),
 * the header limit (431), then per route: body limit (413), bearer authentication (400/401),
 * session (400/404) and the engine (403 {@code insufficient_scope} and the protocol answers).
 * Served paths:
 *
 * <ul>
 *   <li>{@code POST/GET/DELETE/OPTIONS /mcp} (and {@code /mcp/}; the query string is ignored);
 *   <li>{@code GET /.well-known/oauth-protected-resource} and {@code .../mcp} (RFC 9728);
 *   <li>{@code GET /health}, {@code GET /healthz}.
 * </ul>
 *
 * <p>{@link #stop()} stops accepting connections and lets in-flight requests finish for up to
 * {@link HttpServerConfig#shutdownTimeout()}. Thread-safe.
 */
public final class McpHttpServer {
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpServer.class);
  private static final int MIN_THREADS = 8;
  private static final int IDLE_MS = 60_000;

  private final HttpServerConfig config;
  private final Javalin app;
  private final ScheduledExecutorService keepAlives;
  private final CpuSlots cpuSlots;
  private boolean started;
  private boolean stopped;

  private McpHttpServer(Builder b, boolean loopbackBind) {
    this.config = b.config;
    this.cpuSlots = b.cpuSlots;
    SizeLimits limits = new SizeLimits(config.maxHeaderBytes(), config.maxBodyBytes());
    ResourceUrls urls = new ResourceUrls(config.publicUrl().orElse(null), config.host());
    OriginGuard guard = new OriginGuard(config, loopbackBind);
    BearerStep bearer =
        new BearerStep(b.authenticator, config.anonymousMethods(), urls, b.cpuSlots);
    this.keepAlives =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mcp-sse-keep-alive");
              t.setDaemon(true);
              return t;
            });
    McpEndpoint endpoint =
        new McpEndpoint(
            b.engine,
            limits,
            bearer,
            new SessionStep(
                b.sessionStore,
                new InitializeRate(config.traffic().initializePerSecond(), b.clock)),
            urls,
            keepAlives,
            config.sseKeepAlive(),
            b.tracing,
            b.cpuSlots);
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(urls, config.authorizationServers());
    HealthEndpoint health =
        new HealthEndpoint(b.verifierSource, b.sessionStore, b.version, b.clock);
    this.app =
        Javalin.create(
            c -> {
              configureJetty(c, limits, bearer, b.metrics);
              c.routes.before(
                  ctx -> {
                    // a pooled thread starts every request without a trace of its own
                    TraceParent.leaveLoggingContext();
                    TraceParent.parse(ctx.header(TraceParent.HEADER))
                        .ifPresent(t -> AccessRecord.of(ctx).trace(t));
                    AccessRecord.of(ctx);
                    Cors.apply(ctx, guard.check(ctx));
                    limits.checkHeaders(ctx);
                  });
              // "/mcp/" matches too: trailing slashes are ignored
              c.routes.post("/mcp", endpoint::post);
              c.routes.get("/mcp", endpoint::get);
              // HEAD is GET without a body: refused the same way, never a bodiless 200
              c.routes.head("/mcp", endpoint::get);
              c.routes.delete("/mcp", endpoint::delete);
              c.routes.options("/mcp", Cors::preflight);
              for (String path :
                  new String[] {ResourceUrls.METADATA_PATH, ResourceUrls.METADATA_PATH + "/mcp"}) {
                c.routes.get(path, metadata::handle);
                c.routes.options(path, Cors::preflight);
              }
              for (String path : new String[] {"/health", "/healthz"}) {
                c.routes.get(path, health::handle);
              }
              c.routes.exception(HttpRejection.class, (e, ctx) -> JsonResponses.reject(ctx, e));
              c.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> JsonResponses.reject(ctx, routingRefusal(e.getStatus())));
              c.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("request failed unexpectedly: {}", e.getClass().getName());
                    JsonResponses.reject(
                        ctx,
                        HttpRejection.of(
                            500, ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error."));
                  });
              ServerMetrics metrics = b.metrics;
              c.requestLogger.http(
                  (ctx, ms) -> {
                    AccessLog.write(ctx, ms);
                    if (metrics != null) {
                      metrics.record(AccessRecord.of(ctx), ctx.statusCode(), ms);
                    }
                    AccessRecord.of(ctx).endSpan(ctx.statusCode());
                    TraceParent.leaveLoggingContext();
                  });
            });
  }

  /**
   * Starts a builder.
   *
   * @param config the HTTP settings
   */
  public static Builder builder(HttpServerConfig config) {
    return new Builder(config);
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws IllegalStateException when the address cannot be bound, or after {@link #stop()}
   */
  public synchronized McpHttpServer start() {
    if (stopped) {
      throw new IllegalStateException("the server was stopped and cannot start again");
    }
    if (started) {
      return this;
    }
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + authority(config.host(), config.port())
              + " ("
              + e.getClass().getSimpleName()
              + "); is the port in use or the address not local?",
          e);
    }
    started = true;
    if (config.allowedOrigins().contains("*")) {
      LOG.warn(
          "MCP_ALLOWED_ORIGINS allows any origin: web pages anywhere may call this server with"
              + " their visitors' tokens; list the catalog origin instead");
    }
    LOG.info(
        "MCP endpoint listening on http://{}/mcp; {}; CPU slots: {}",
        authority(config.host(), port()),
        config,
        cpuSlots);
    return this;
  }

  /**
   * Stops accepting connections and waits up to the shutdown timeout for in-flight requests.
   * Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (started) {
        app.stop();
        LOG.info("MCP server stopped");
      }
    } finally {
      keepAlives.shutdownNow();
    }
  }

  /** The bound port (the real one when configured with 0); -1 before {@link #start()}. */
  public synchronized int port() {
    return started ? app.port() : -1;
  }

  /** The configuration. */
  public HttpServerConfig config() {
    return config;
  }

  /** The slots that bound CPU-bound request work ({@link CpuSlots#OFF} when none). */
  public CpuSlots cpuSlots() {
    return cpuSlots;
  }

  private void configureJetty(
      JavalinConfig c, SizeLimits limits, BearerStep bearer, ServerMetrics metrics) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.concurrency.useVirtualThreads = config.useVirtualThreads();
    if (config.maxThreads() > 0) {
      c.jetty.threadPool = new QueuedThreadPool(config.maxThreads(), MIN_THREADS, IDLE_MS);
    }
    c.http.prefer405over404 = true;
    c.http.maxRequestSize = config.maxBodyBytes();
    c.router.ignoreTrailingSlashes = true;
    c.jetty.modifyHttpConfiguration(
        h -> {
          h.setRequestHeaderSize(limits.jettyHeaderBytes());
          h.setSendServerVersion(false);
          h.setSendXPoweredBy(false);
        });
    c.jetty.modifyServer(
        server -> {
          // innermost first: bodies are received before the routes run, then graceful stop
          server.insertHandler(
              new BodyIntake(config.traffic(), config.maxBodyBytes(), bearer::refusedEarly));
          server.addBean(
              new ConnectionsPerAddress(server, config.traffic().maxConnectionsPerAddress()));
          if (metrics != null) {
            // the connectors exist once the server starts
            server.addBean(
                new AbstractLifeCycle() {
                  @Override
                  protected void doStart() {
                    metrics.bindJetty(server);
                  }
                });
          }
          server.insertHandler(new GracefulHandler());
          server.insertHandler(new NoSniffHandler());
          server.setStopTimeout(config.shutdownTimeout().toMillis());
          server.setErrorHandler(new JsonErrorHandler());
        });
  }

  /**
   * Whether the bearer step will refuse these header values (then the body is never waited for).
   */
  private static HttpRejection routingRefusal(int status) {
    if (status == 405) {
      return HttpRejection.of(
          405,
          HttpRejection.TRANSPORT_ERROR,
          "method_not_allowed",
          "Method not allowed on this path.");
    }
    if (status == 404) {
      return HttpRejection.of(
          404,
          HttpRejection.TRANSPORT_ERROR,
          "not_found",
          "Not found: the MCP endpoint is /mcp; metadata is under /.well-known/.");
    }
    return HttpRejection.of(
        status >= 400 && status < 600 ? status : 400,
        HttpRejection.TRANSPORT_ERROR,
        "bad_request",
        "The request could not be handled.");
  }

  static String authority(String host, int port) {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port;
  }

  /** Mutable builder; not thread-safe. Every collaborator is required. */
  public static final class Builder {
    private final HttpServerConfig config;
    private VerifierSource verifierSource;
    private Authenticator authenticator;
    private SessionStore sessionStore;
    private McpEngine engine;
    private String version = "unknown";
    private Clock clock = Clock.systemUTC();
    private ServerMetrics metrics;
    private RequestTracing tracing = RequestTracing.OFF;
    private CpuSlots cpuSlots = CpuSlots.OFF;

    private Builder(HttpServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The key ring the health check inspects (the authenticator's source). */
    public Builder verifierSource(VerifierSource verifierSource) {
      this.verifierSource = Objects.requireNonNull(verifierSource, "verifierSource");
      return this;
    }

    /** Turns {@code Authorization} headers into principals. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Holds legacy-era sessions bound to users. */
    public Builder sessionStore(SessionStore sessionStore) {
      this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
      return this;
    }

    /** Answers the MCP messages (its authorizer and credentials broker guard the tools). */
    public Builder engine(McpEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The version shown by the health endpoint. Default {@code unknown}. */
    public Builder version(String version) {
      if (version == null || version.isBlank()) {
        throw new IllegalArgumentException("version must not be blank");
      }
      this.version = version;
      return this;
    }

    /** Where request metrics are recorded; null (the default) records none. */
    Builder metrics(ServerMetrics metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Where server spans go; {@link RequestTracing#OFF} (the default) makes none. */
    Builder tracing(RequestTracing tracing) {
      this.tracing = Objects.requireNonNull(tracing, "tracing");
      return this;
    }

    /**
     * The slots that bound CPU-bound request work (verification, sessions, the engine); {@link
     * CpuSlots#OFF} (the default) bounds nothing.
     */
    public Builder cpuSlots(CpuSlots cpuSlots) {
      this.cpuSlots = Objects.requireNonNull(cpuSlots, "cpuSlots");
      return this;
    }

    /** The clock of the uptime. Default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the (not yet started) server.
     *
     * @throws IllegalStateException when a collaborator is missing
     * @throws IllegalArgumentException when the host cannot be resolved
     */
    public McpHttpServer build() {
      require(verifierSource, "verifierSource");
      require(authenticator, "authenticator");
      require(sessionStore, "sessionStore");
      require(engine, "engine");
      return new McpHttpServer(this, isLoopback(config.host()));
    }

    private static void require(Object value, String field) {
      if (value == null) {
        throw new IllegalStateException(field + " is required");
      }
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("host cannot be resolved to a local address");
      }
    }
  }
}
