package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.auth.AuthenticationResult;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * auth-core on the request path: authenticating a repeated token (cache hit), a token never seen
 * before (full verification plus cache insertion), and looking a bound session up for its user.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticationBenchmark {
  private TokenAuthenticator cached;
  private TokenAuthenticator uncached;
  private InMemorySessionStore sessions;
  private List<String> header;
  private Principal principal;
  private String sessionId;

  /** Builds the collaborators as the HTTP server does. */
  @Setup
  public void setUp() {
    SigningKey key =
        SigningKey.ofUtf8("frontend-enhanced", "benchmark-secret-0123456789-abcdefghijklmnop");
    Clock clock = Clock.systemUTC();
    JwtVerifier verifier =
        JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
    StaticVerifierSource source = StaticVerifierSource.of(verifier);
    cached = TokenAuthenticator.builder(source).clock(clock).build();
    uncached = TokenAuthenticator.builder(source).clock(clock).maximumCacheSize(0).build();
    header = List.of("Bearer " + CatalogShapes.token(key, clock, "user-0001"));
    principal = cached.authenticate(header).principal().orElseThrow();
    sessions = InMemorySessionStore.builder().clock(clock).build();
    for (int i = 0; i < 1_000; i++) {
      sessions.create(null, "2025-06-18");
    }
    sessionId = sessions.create(principal, "2025-06-18").id();
  }

  /** The common case: the same token again (the cache is keyed by its SHA-256). */
  @Benchmark
  public AuthenticationResult authenticateCached() {
    return cached.authenticate(header);
  }

  /** Every request a new token (the catalog re-signs per call): full verification. */
  @Benchmark
  public AuthenticationResult authenticateUncached() {
    return uncached.authenticate(header);
  }

  /** A bound session looked up by its own user among 1000 others. */
  @Benchmark
  public Optional<Session> sessionLookup() {
    return sessions.lookup(sessionId, principal);
  }
}
