package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.SessionLimits;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.session.redis.RedisSessionStore;
import com.quiltdata.mcp.session.redis.RedisStoreSettings;
import com.quiltdata.mcp.tools.assembly.QuiltTools;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.EngineLimits;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Web mode wired from {@link WebEnvironment.Settings}: the rotating key ring, the token
 * authenticator, the session store, the registry credentials broker, the tool set ({@link
 * QuiltTools}, the same assembly the stdio server uses), the engine and the HTTP server. {@link
 * #close()} stops the server gracefully and releases the key ring's scheduler.
 */
final class ServerAssembly implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final RotatingVerifierSource verifiers;
  private final QuiltTools tools;
  private final McpHttpServer server;
  private final SessionStore sessions;
  private final MetricsListener metrics;
  private final RequestTracing tracing;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServerAssembly(
      ScheduledExecutorService scheduler,
      RotatingVerifierSource verifiers,
      QuiltTools tools,
      McpHttpServer server,
      SessionStore sessions,
      MetricsListener metrics,
      RequestTracing tracing) {
    this.sessions = sessions;
    this.tracing = tracing;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.verifiers = verifiers;
    this.tools = tools;
    this.server = server;
  }

  /**
   * Builds every component and starts listening.
   *
   * @throws com.quiltdata.mcp.auth.AuthException when the secret cannot be loaded
   * @throws IllegalStateException when the address cannot be bound
   */
  static ServerAssembly start(WebEnvironment.Settings settings, String version, Clock clock) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quilt-mcp-secret-refresh");
              t.setDaemon(true);
              return t;
            });
    RotatingVerifierSource verifiers = null;
    QuiltTools tools = null;
    RequestTracing tracing = RequestTracing.OFF;
    SessionStore sessions = null;
    try {
      // spans off (the default): no OpenTelemetry class is loaded, nothing is started
      if (settings.tracing().enabled()) {
        tracing = OtlpTracing.start(settings.tracing(), version);
      }
      verifiers =
          RotatingVerifierSource.builder(settings.secret())
              .clock(clock)
              .scheduler(scheduler)
              .verifierOptions(
                  v ->
                      v.issuers(settings.tokens().issuers())
                          .audiences(settings.tokens().audiences()))
              .build();
      TokenAuthenticator authenticator = TokenAuthenticator.builder(verifiers).clock(clock).build();
      SessionLimits limits = settings.sessions();
      sessions =
          settings.redis() == null
              ? InMemorySessionStore.builder().clock(clock).limits(limits).build()
              : redisAtStart(settings.redis(), clock, limits);
      // metrics off (the default): nothing is recorded and no listener is started
      ServerMetrics metrics = settings.metrics().enabled() ? new ServerMetrics() : null;
      CredentialSource exchange =
          CredentialSource.registry(settings.registryUrl()).clock(clock).build();
      RegistryCredentialsBroker broker =
          RegistryCredentialsBroker.builder(metrics == null ? exchange : metrics.meter(exchange))
              .clock(clock)
              .build();
      CpuSlots cpuSlots = settings.cpuSlots().create();
      if (metrics != null) {
        metrics.bindSessions(sessions);
        metrics.bindCredentialCache(broker);
        metrics.bindCpuSlots(cpuSlots);
      }
      tools =
          QuiltTools.builder(DiagnosticsTools.Environment.WEB, settings.tools())
              .clock(clock)
              .verifierSource(verifiers)
              .sessionStore(sessions)
              .build();
      McpEngine.Builder engine =
          tools.configure(
              McpEngine.builder()
                  .serverInfo("quilt-mcp", version)
                  .clock(clock)
                  .credentialsBroker(broker)
                  .cancellationRelay(sessions.cancellationRelay())
                  .callLimits(settings.callLimits())
                  .resultLimits(settings.resultLimits())
                  .limits(EngineLimits.DEFAULTS.withMaxBodyBytes(settings.http().maxBodyBytes())));
      McpHttpServer server =
          McpHttpServer.builder(settings.http())
              .verifierSource(verifiers)
              .authenticator(authenticator)
              .sessionStore(sessions)
              .engine(engine.build())
              .version(version)
              .clock(clock)
              .metrics(metrics)
              .tracing(tracing)
              .cpuSlots(cpuSlots)
              .build()
              .start();
      MetricsListener listener = null;
      if (metrics != null) {
        try {
          listener =
              new MetricsListener(settings.metrics().host(), settings.metrics().port(), metrics)
                  .start();
        } catch (IllegalStateException e) {
          server.stop();
          throw e;
        }
      }
      return new ServerAssembly(scheduler, verifiers, tools, server, sessions, listener, tracing);
    } catch (RuntimeException e) {
      tracing.close();
      if (sessions instanceof RedisSessionStore redis) {
        redis.close();
      }
      if (tools != null) {
        tools.close();
      }
      if (verifiers != null) {
        verifiers.close();
      }
      scheduler.shutdownNow();
      throw e;
    }
  }

  /**
   * The Redis store, connected now: a TLS or credential misconfiguration stops the start-up (no
   * fallback to memory, none to plaintext); an unreachable Redis does not (503s until it answers).
   */
  private static RedisSessionStore redisAtStart(
      RedisStoreSettings redis, Clock clock, SessionLimits limits) {
    RedisSessionStore store = RedisSessionStore.builder(redis).clock(clock).limits(limits).build();
    try {
      store.connectAtStart();
      return store;
    } catch (IllegalStateException e) {
      store.close();
      throw new IllegalStateException(
          e.getMessage()
              + " (check MCP_SESSION_STORE, MCP_SESSION_STORE_CA_FILE and"
              + " MCP_SESSION_STORE_PASSWORD)");
    }
  }

  /** The port of the metrics listener, or -1 when metrics are off. */
  int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** The running server. */
  McpHttpServer server() {
    return server;
  }

  /** Blocks until {@link #close()} has finished. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops the server (in-flight requests finish, bounded), exports the spans still queued (bounded
   * by the export timeout) and stops the secret refresh.
   */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      tracing.close();
      if (metrics != null) {
        metrics.stop();
      }
      tools.close();
      verifiers.close();
      if (sessions instanceof RedisSessionStore redis) {
        redis.close();
      }
      scheduler.shutdownNow();
      stopped.countDown();
    }
  }
}
