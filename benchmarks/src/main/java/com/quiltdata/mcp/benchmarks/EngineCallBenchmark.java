package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's share of one HTTP request of the load benchmark: {@code tools/call auth_status} for
 * the realistic catalog principal on its session, from request bytes to the response body, without
 * the transport. {@code ping} on the same session shows the fixed cost of dispatch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineCallBenchmark {
  private static final byte[] CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"auth_status\",\"arguments\":{}}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] PING =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

  private McpEngine engine;
  private CallContext context;

  /** Builds the engine and the caller as the HTTP server does. */
  @Setup
  public void setUp() {
    SigningKey key =
        SigningKey.ofUtf8("frontend-enhanced", "benchmark-secret-0123456789-abcdefghijklmnop");
    Clock clock = Clock.systemUTC();
    JwtVerifier verifier =
        JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
    TokenAuthenticator authenticator =
        TokenAuthenticator.builder(StaticVerifierSource.of(verifier)).clock(clock).build();
    Principal principal =
        authenticator
            .authenticate(List.of("Bearer " + CatalogShapes.token(key, clock, "user-0001")))
            .principal()
            .orElseThrow();
    Session session =
        InMemorySessionStore.builder().clock(clock).build().create(principal, "2025-06-18");
    McpEngine.Builder builder =
        McpEngine.builder()
            .clock(clock)
            .addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.DESKTOP).build());
    engine = builder.authorizer(PolicyAuthorizer.of(builder.requirements())).build();
    context =
        CallContext.http()
            .principal(principal)
            .session(session)
            .negotiatedVersion("2025-06-18")
            .protocolVersionHeader("2025-06-18")
            .build();
    EngineResponse check = engine.handle(CALL, context);
    if (check.outcome() != EngineResponse.Outcome.ANSWER
        || check.body().orElseThrow().contains("\"isError\":true")) {
      throw new IllegalStateException("the benchmark call does not succeed");
    }
  }

  /** tools/call auth_status: dispatch, authorization, the tool, and serialisation. */
  @Benchmark
  public EngineResponse callAuthStatus() {
    return engine.handle(CALL, context);
  }

  /** ping: parsing and dispatch only. */
  @Benchmark
  public EngineResponse ping() {
    return engine.handle(PING, context);
  }
}
