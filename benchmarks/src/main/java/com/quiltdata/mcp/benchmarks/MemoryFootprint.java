package com.quiltdata.mcp.benchmarks;

import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.InMemorySessionStore;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.RegistryCredentialsBroker;
import com.quiltdata.mcp.auth.SessionLimits;
import com.quiltdata.mcp.auth.StaticVerifierSource;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Retained heap per live session and per cached credential (issue 16), measured by filling the real
 * stores and reading the heap after full collections. Run with the heap under test, e.g.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar \
 *   com.quiltdata.mcp.benchmarks.MemoryFootprint sessions 100000
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar \
 *   com.quiltdata.mcp.benchmarks.MemoryFootprint credentials 20000
 * </pre>
 *
 * Sessions are bound (1,000 subjects with 100 sessions each, as the frontend's are after their
 * first call); each cached credential belongs to its own token (the catalog signs one per call).
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  /** {@code sessions N} or {@code credentials N}. */
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "sessions";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    SigningKey key =
        SigningKey.ofUtf8("frontend-enhanced", "benchmark-secret-0123456789-abcdefghijklmnop");
    Clock clock = Clock.systemUTC();
    TokenAuthenticator auth =
        TokenAuthenticator.builder(
                StaticVerifierSource.of(
                    JwtVerifier.create(
                        VerifierConfig.builder(KeyRing.of(key)).clock(clock).build())))
            .clock(clock)
            .maximumCacheSize(0)
            .build();
    List<Object> keep = new ArrayList<>();
    long before = usedAfterGc();
    long start = System.nanoTime();
    if ("sessions".equals(what)) {
      // 1,000 users with 100 sessions each (the per-subject cap): bound, as after a first call
      int users = Math.max(1, n / SessionLimits.DEFAULT_SESSIONS_PER_SUBJECT);
      List<Principal> principals = new ArrayList<>(users);
      for (int i = 0; i < users; i++) {
        principals.add(principal(auth, key, clock, "user-" + i));
      }
      keep.add(principals);
      long usersOnly = usedAfterGc();
      InMemorySessionStore store =
          InMemorySessionStore.builder()
              .clock(clock)
              .limits(
                  new SessionLimits(
                      Duration.ofHours(1),
                      Duration.ofHours(24),
                      n,
                      SessionLimits.DEFAULT_SESSIONS_PER_SUBJECT))
              .build();
      for (int i = 0; i < n; i++) {
        String id = store.create(null, "2025-06-18").id();
        store.lookup(id, principals.get(i % users));
      }
      keep.add(store);
      long after = usedAfterGc();
      report(what, n, usersOnly, after, start, store.stats().active());
    } else {
      // each token gets credentials of its own, sized like the registry's (an STS session token
      // of about 800 characters)
      AtomicLong issuedCount = new AtomicLong();
      CredentialSource source =
          principal -> {
            long k = issuedCount.incrementAndGet();
            return new IssuedCredentials(
                AwsSessionCredentials.create(
                    String.format("ASIA%016d", k),
                    String.format("%040d", k),
                    "session-token-" + k + "x".repeat(800)),
                Instant.now().plus(Duration.ofHours(1)),
                IssuedCredentials.SOURCE_REGISTRY);
          };
      RegistryCredentialsBroker broker =
          RegistryCredentialsBroker.builder(source).clock(clock).maxEntries(n + 10L).build();
      List<Principal> principals = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        principals.add(principal(auth, key, clock, "user-" + i));
      }
      long tokensOnly = usedAfterGc();
      for (Principal p : principals) {
        broker.providerFor(p).resolveCredentials();
      }
      keep.add(broker);
      keep.add(principals);
      long after = usedAfterGc();
      report(what, n, tokensOnly, after, start, broker.cachedTokens());
      System.out.printf(
          "(the %d principals themselves, tokens included: %d bytes each)%n",
          n, (tokensOnly - before) / n);
    }
    if (keep.isEmpty()) {
      throw new IllegalStateException();
    }
  }

  private static Principal principal(
      TokenAuthenticator auth, SigningKey key, Clock clock, String s) {
    return auth.authenticate(List.of("Bearer " + CatalogShapes.token(key, clock, s)))
        .principal()
        .orElseThrow();
  }

  private static void report(String what, int n, long before, long after, long start, long live) {
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "%s: %d live (store says %d) in %d ms; retained %d bytes, %d bytes each; heap max %d MiB,"
            + " used after GC %d MiB%n",
        what,
        n,
        live,
        (System.nanoTime() - start) / 1_000_000,
        after - before,
        (after - before) / n,
        max >> 20,
        after >> 20);
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
