package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.internal.credentials.ExponentialBackoff;
import com.quiltdata.mcp.auth.internal.credentials.FetchExecutors;
import com.quiltdata.mcp.auth.internal.credentials.RefusingCredentialsProvider;
import com.quiltdata.mcp.auth.internal.credentials.RegistryCircuit;
import com.quiltdata.mcp.auth.internal.credentials.TokenCredentialCache;
import com.quiltdata.mcp.auth.internal.credentials.TokenCredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The web-mode broker: each caller's own AWS credentials, exchanged for their bearer token by a
 * {@link CredentialSource} (normally {@link CredentialSource#registry}), cached per token.
 *
 * <ul>
 *   <li>Cached by the SHA-256 of the exact token the registry accepted, never by subject: the
 *       shared signing secret is visible to browsers, so a token naming a subject proves nothing
 *       until the registry accepts it; credentials fetched with one token never serve another.
 *   <li>Refreshed {@code refreshMargin} before they expire, and never used past the token's {@code
 *       exp}.
 *   <li>One fetch in flight per token however many callers wait; waits are bounded.
 *   <li>After a failure the token backs off exponentially, failing fast without calling the
 *       registry; credentials that have not expired are still served meanwhile. A registry refusal
 *       (401/403) drops them instead. A global circuit pauses calls when the registry is down.
 *   <li>A principal without a token gets {@code CREDENTIALS_NOT_AVAILABLE}: never the server's own
 *       credentials.
 * </ul>
 *
 * <p>Immutable configuration, thread-safe.
 */
public final class RegistryCredentialsBroker implements CredentialsBroker {
  /** Default time before expiry at which credentials are fetched anew. */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

  /** Default largest number of tokens with cached credentials. */
  public static final long DEFAULT_MAX_ENTRIES = 10_000;

  /** Default back-off after a token's first failure. */
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofSeconds(1);

  /** Default longest back-off. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

  /** Default longest time a caller waits for a fetch in flight. */
  public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(15);

  /** Default consecutive "registry unavailable" outcomes, across tokens, that open the circuit. */
  public static final int DEFAULT_CIRCUIT_THRESHOLD = 5;

  private static final String NO_TOKEN =
      "no bearer token: in web mode AWS credentials are only issued for the caller's own token,"
          + " never from the server's own credentials; send Authorization: Bearer <token>";

  private final TokenCredentialCache cache;

  private RegistryCredentialsBroker(TokenCredentialCache cache) {
    this.cache = cache;
  }

  /** Starts a broker over {@code source} with every other setting at its default. */
  public static Builder builder(CredentialSource source) {
    return new Builder(source);
  }

  /**
   * A provider for this principal. No network until it is resolved. A principal without a token
   * gets a provider that always throws {@code CREDENTIALS_NOT_AVAILABLE}.
   */
  @Override
  public AwsCredentialsProvider providerFor(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    if (principal.token().isEmpty()) {
      return new RefusingCredentialsProvider(NO_TOKEN);
    }
    return new TokenCredentialsProvider(cache, principal);
  }

  /**
   * The cached credentials' status for the principal's token, without contacting anything. {@code
   * expiresAt} is when they stop being served (their expiration or the token's, whichever is
   * first).
   */
  @Override
  public Optional<CredentialStatus> status(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return cache.status(principal);
  }

  /**
   * Aggregate counts of the credential cache (for metrics; never a token or a subject).
   *
   * @param hits look-ups answered from the cache
   * @param misses look-ups that started a registry exchange
   * @param waits look-ups that joined an exchange already in flight for the same token
   * @param tokens tokens with cache entries now (approximate)
   */
  public record CacheStats(long hits, long misses, long waits, long tokens) {}

  /** The credential cache's counts so far. */
  public CacheStats cacheStats() {
    long[] c = cache.counts();
    return new CacheStats(c[0], c[1], c[2], cache.size());
  }

  /** How many tokens have cache entries (approximate; for metrics). */
  public long cachedTokens() {
    return cache.size();
  }

  @Override
  public String toString() {
    return "RegistryCredentialsBroker[" + cache + "]";
  }

  /** Builds a broker; setters validate eagerly and name the bad field. Not thread-safe. */
  public static final class Builder {
    private final CredentialSource source;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private long maxEntries = DEFAULT_MAX_ENTRIES;
    private Duration minBackoff = DEFAULT_MIN_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
    private int circuitThreshold = DEFAULT_CIRCUIT_THRESHOLD;
    private Executor executor;

    private Builder(CredentialSource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /** The clock for expiry, refresh and back-off. Default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before expiry credentials are fetched anew; 0 to 1 hour. Default 5 min. */
    public Builder refreshMargin(Duration refreshMargin) {
      Objects.requireNonNull(refreshMargin, "refreshMargin");
      if (refreshMargin.isNegative() || refreshMargin.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("refreshMargin must be between 0 and 1 hour");
      }
      this.refreshMargin = refreshMargin;
      return this;
    }

    /** Most tokens with cached credentials (least valuable evicted first). Default 10 000. */
    public Builder maxEntries(long maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Back-off after consecutive failures of one token, doubling from {@code min} to {@code max};
     * the circuit uses the same bounds. Default 1 s to 60 s.
     */
    public Builder backoff(Duration min, Duration max) {
      new ExponentialBackoff(min, max);
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /** Longest time a caller waits for a fetch in flight. Default 15 s. */
    public Builder waitTimeout(Duration waitTimeout) {
      Objects.requireNonNull(waitTimeout, "waitTimeout");
      if (waitTimeout.isNegative() || waitTimeout.isZero()) {
        throw new IllegalArgumentException("waitTimeout must be positive");
      }
      this.waitTimeout = waitTimeout;
      return this;
    }

    /**
     * Consecutive "registry unavailable" outcomes, across all tokens, after which calls to the
     * registry pause for a back-off delay. Default 5.
     */
    public Builder circuitThreshold(int circuitThreshold) {
      if (circuitThreshold < 1) {
        throw new IllegalArgumentException("circuitThreshold must be at least 1");
      }
      this.circuitThreshold = circuitThreshold;
      return this;
    }

    /**
     * Runs the fetches. Default: 16 daemon threads and a queue of 1024; a fetch that cannot be
     * queued fails fast as {@code REGISTRY_UNAVAILABLE}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Builds the broker. */
    public RegistryCredentialsBroker build() {
      ExponentialBackoff backoff = new ExponentialBackoff(minBackoff, maxBackoff);
      Executor fetchExecutor =
          executor != null
              ? executor
              : FetchExecutors.bounded(
                  FetchExecutors.DEFAULT_THREADS, FetchExecutors.DEFAULT_QUEUE);
      return new RegistryCredentialsBroker(
          new TokenCredentialCache(
              source,
              clock,
              refreshMargin,
              maxEntries,
              backoff,
              new RegistryCircuit(circuitThreshold, backoff),
              waitTimeout,
              fetchExecutor));
    }
  }
}
