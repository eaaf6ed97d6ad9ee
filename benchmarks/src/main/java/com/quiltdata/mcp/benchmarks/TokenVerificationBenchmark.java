package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
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

/** Strict verification plus claim extraction of a realistic catalog token (~4.5 KB). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerificationBenchmark {
  private JwtVerifier verifier;
  private String token;

  /** Mints the token once; the verifier is shared as in the server. */
  @Setup
  public void setUp() {
    SigningKey key =
        SigningKey.ofUtf8("frontend-enhanced", "benchmark-secret-0123456789-abcdefghijklmnop");
    Clock clock = Clock.systemUTC();
    verifier = JwtVerifier.create(VerifierConfig.builder(KeyRing.of(key)).clock(clock).build());
    token = CatalogShapes.token(key, clock, "3f2c8a9e-4b1d-4c7e-9a2f-6d5e4c3b2a10");
    if (token.length() < 4_000 || token.length() > 5_000) {
      throw new IllegalStateException("benchmark token should be ~4.5 KB, is " + token.length());
    }
  }

  /** One full verification: format, header, signature, times, claims. */
  @Benchmark
  public QuiltClaims verifyAndExtract() {
    return verifier.verify(token);
  }

  /** The token's length, for the report. */
  public int tokenLength() {
    return token.length();
  }
}
