package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.tools.EngineLimits;
import com.quiltdata.mcp.tools.McpEngine;
import com.quiltdata.mcp.tools.s3.S3Tools;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Web mode wired from {@link WebEnvironment.Settings}: the rotating key ring, the token
 * authenticator, the session store, the registry credentials broker, the S3 tools, the engine and
 * the HTTP server. {@link #close()} stops the server gracefully and releases the key ring's
 * scheduler.
 */
final class ServerAssembly implements AutoCloseable {
  static final String INSTRUCTIONS =
      "Quilt data tools. Call auth_status to see who you are and which buckets you may use.";

  private final ScheduledExecutorService scheduler;
  private final RotatingVerifierSource verifiers;
  private final S3Tools s3Tools;
  private final McpHttpServer server;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServerAssembly(
      ScheduledExecutorService scheduler,
      RotatingVerifierSource verifiers,
      S3Tools s3Tools,
      McpHttpServer server) {
    this.scheduler = scheduler;
    this.verifiers = verifiers;
    this.s3Tools = s3Tools;
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
    S3Tools s3Tools = null;
    try {
      verifiers =
          RotatingVerifierSource.builder(settings.secret())
              .clock(clock)
              .scheduler(scheduler)
              .verifierOptions(v -> v.issuers(settings.issuers()).audiences(settings.audiences()))
              .build();
      TokenAuthenticator authenticator = TokenAuthenticator.builder(verifiers).clock(clock).build();
      Duration idle = settings.sessionIdleTimeout();
      InMemorySessionStore sessions =
          InMemorySessionStore.builder()
              .clock(clock)
              .idleTimeout(idle)
              .absoluteLifetime(
                  idle.compareTo(Duration.ofHours(24)) > 0 ? idle : Duration.ofHours(24))
              .build();
      RegistryCredentialsBroker broker =
          RegistryCredentialsBroker.builder(
                  CredentialSource.registry(settings.registryUrl()).clock(clock).build())
              .clock(clock)
              .build();
      s3Tools = S3Tools.create(settings.s3());
      McpEngine.Builder engine =
          McpEngine.builder()
              .serverInfo("quilt-mcp", version)
              .instructions(INSTRUCTIONS)
              .clock(clock)
              .credentialsBroker(broker)
              .limits(EngineLimits.DEFAULTS.withMaxBodyBytes(settings.http().maxBodyBytes()))
              .testTools(settings.testTools())
              .addTools(s3Tools.tools());
      engine.authorizer(PolicyAuthorizer.of(engine.requirements()));
      McpHttpServer server =
          McpHttpServer.builder(settings.http())
              .verifierSource(verifiers)
              .authenticator(authenticator)
              .sessionStore(sessions)
              .engine(engine.build())
              .version(version)
              .clock(clock)
              .build()
              .start();
      return new ServerAssembly(scheduler, verifiers, s3Tools, server);
    } catch (RuntimeException e) {
      if (s3Tools != null) {
        s3Tools.close();
      }
      if (verifiers != null) {
        verifiers.close();
      }
      scheduler.shutdownNow();
      throw e;
    }
  }

  /** The running server. */
  McpHttpServer server() {
    return server;
  }

  /** Blocks until {@link #close()} has finished. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops the server (in-flight requests finish, bounded) and the secret refresh. */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      s3Tools.close();
      verifiers.close();
      scheduler.shutdownNow();
      stopped.countDown();
    }
  }
}
