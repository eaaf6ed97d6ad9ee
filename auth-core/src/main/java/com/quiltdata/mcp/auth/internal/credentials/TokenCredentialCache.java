package com.quiltdata.mcp.auth.internal.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.auth.CredentialSource;
import com.quiltdata.mcp.auth.CredentialsBroker.CredentialStatus;
import com.quiltdata.mcp.auth.IssuedCredentials;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.TraceParent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Credentials per registry-accepted token. Keyed by {@link BearerToken#sha256Hex()}, never by
 * subject: anyone can sign a token naming any subject with the browser-visible shared secret, so
 * only the registry's acceptance of <em>this</em> token proves who is asking.
 *
 * <p>Per key: one fetch in flight however many callers wait (single-flight future, fetched on the
 * executor, never under a lock); callers wait a bounded time; credentials are refreshed {@code
 * refreshMargin} before they expire and never served past the token's own {@code exp}; after a
 * failure the key backs off exponentially and fails fast meanwhile, still serving credentials that
 * have not expired. A global {@link RegistryCircuit} stops a registry outage from turning into one
 * call per distinct token.
 */
public final class TokenCredentialCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCredentialCache.class);

  private final CredentialSource source;
  private final Clock clock;
  private final Duration refreshMargin;
  private final ExponentialBackoff backoff;
  private final RegistryCircuit circuit;
  private final Duration waitTimeout;
  private final Executor executor;
  private final Cache<String, TokenEntry> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder waits = new LongAdder();

  /** Creates an empty cache; arguments are validated by the public builder. */
  public TokenCredentialCache(
      CredentialSource source,
      Clock clock,
      Duration refreshMargin,
      long maxEntries,
      ExponentialBackoff backoff,
      RegistryCircuit circuit,
      Duration waitTimeout,
      Executor executor) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.circuit = Objects.requireNonNull(circuit, "circuit");
    this.waitTimeout = Objects.requireNonNull(waitTimeout, "waitTimeout");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .expireAfter(
                Expiry.<String, TokenEntry>creating(
                    (key, entry) ->
                        positiveOrZero(Duration.between(clock.instant(), entry.tokenExpiry))))
            .build();
  }

  /**
   * Credentials for the principal's token, from the cache or fetched now.
   *
   * @throws AuthException CREDENTIALS_NOT_AVAILABLE without a (live) token; the source's reason on
   *     failure; REGISTRY_UNAVAILABLE during back-off, while the circuit is open, or when the wait
   *     times out
   */
  public AwsCredentials resolve(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    BearerToken token = tokenOf(principal);
    Instant tokenExpiry = principal.claims().expiresAt();
    Instant now = clock.instant();
    if (!now.isBefore(tokenExpiry)) {
      throw new AuthException(
          Reason.CREDENTIALS_NOT_AVAILABLE,
          "the bearer token has expired; no AWS credentials are issued for it; present a fresh"
              + " token");
    }
    TokenEntry entry =
        entries.get(token.sha256Hex(), key -> new TokenEntry(token.fingerprint(), tokenExpiry));
    CachedCredentials current = entry.current;
    if (current != null && current.fresh(now)) {
      hits.increment();
      return current.forSdk();
    }
    CompletableFuture<CachedCredentials> pending;
    boolean launch = false;
    synchronized (entry) {
      current = entry.current;
      if (current != null && current.fresh(now)) {
        hits.increment();
        return current.forSdk();
      }
      if (entry.inFlight != null) {
        waits.increment();
        pending = entry.inFlight;
      } else {
        if (entry.retryAt != null && now.isBefore(entry.retryAt)) {
          if (current != null && current.usable(now)) {
            return current.forSdk();
          }
          throw entry.backingOff(now);
        }
        if (!circuit.tryAcquire(now)) {
          if (current != null && current.usable(now)) {
            return current.forSdk();
          }
          throw circuitOpen(now);
        }
        pending = new CompletableFuture<>();
        entry.inFlight = pending;
        launch = true;
        misses.increment();
      }
    }
    if (launch) {
      launch(entry, principal, pending);
    }
    return await(entry, pending);
  }

  /** What is cached for the principal's token, without fetching anything. */
  public Optional<CredentialStatus> status(Principal principal) {
    Optional<BearerToken> token = principal.token();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    TokenEntry entry = entries.getIfPresent(token.get().sha256Hex());
    CachedCredentials current = entry == null ? null : entry.current;
    if (current == null || !current.usable(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(current.status());
  }

  /** How many tokens have entries (approximate). */
  /**
   * Look-ups so far: answered from the cache, that started a registry exchange, and that joined an
   * exchange already in flight.
   */
  public long[] counts() {
    return new long[] {hits.sum(), misses.sum(), waits.sum()};
  }

  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private static BearerToken tokenOf(Principal principal) {
    return principal
        .token()
        .orElseThrow(
            () ->
                new AuthException(
                    Reason.CREDENTIALS_NOT_AVAILABLE,
                    "no bearer token: AWS credentials are only issued for a caller's own token,"
                        + " never from the server's own credentials"));
  }

  private void launch(
      TokenEntry entry, Principal principal, CompletableFuture<CachedCredentials> pending) {
    try {
      // the exchange runs elsewhere: it carries the caller's trace (the registry gets traceparent)
      executor.execute(TraceParent.carrying(() -> fetch(entry, principal, pending)));
    } catch (RejectedExecutionException e) {
      circuit.onAbandoned();
      synchronized (entry) {
        entry.inFlight = null;
      }
      pending.completeExceptionally(
          new AuthException(
              Reason.REGISTRY_UNAVAILABLE,
              "too many credential requests are waiting for the Quilt registry; retry later"));
    }
  }

  private void fetch(
      TokenEntry entry, Principal principal, CompletableFuture<CachedCredentials> pending) {
    try {
      CachedCredentials fetched = null;
      AuthException failure = null;
      try {
        IssuedCredentials issued = source.fetch(principal);
        fetched = accept(issued, entry.tokenExpiry);
      } catch (AuthException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure =
            new AuthException(
                Reason.REGISTRY_UNAVAILABLE,
                "the credential source failed unexpectedly ("
                    + e.getClass().getSimpleName()
                    + "); retry later");
      }
      Instant now = clock.instant();
      if (failure == null) {
        succeeded(entry, fetched, pending);
      } else {
        failed(entry, failure, now, pending);
      }
    } finally {
      if (!pending.isDone()) {
        synchronized (entry) {
          entry.inFlight = null;
        }
        circuit.onAbandoned();
        pending.completeExceptionally(
            new AuthException(Reason.REGISTRY_UNAVAILABLE, "the credential fetch was aborted"));
      }
    }
  }

  private CachedCredentials accept(IssuedCredentials issued, Instant tokenExpiry) {
    if (issued == null) {
      throw new AuthException(
          Reason.REGISTRY_BAD_RESPONSE, "the credential source returned no credentials");
    }
    Instant now = clock.instant();
    if (issued.expiration() != null && !issued.expiration().isAfter(now.plus(refreshMargin))) {
      throw new AuthException(
          Reason.CREDENTIALS_EXPIRED,
          "the credentials issued expire at "
              + issued.expiration()
              + ", within the "
              + refreshMargin.toSeconds()
              + " s refresh margin of now ("
              + now
              + "); check the clocks of the registry and of this server");
    }
    return CachedCredentials.of(issued, tokenExpiry, refreshMargin);
  }

  private void succeeded(
      TokenEntry entry, CachedCredentials fetched, CompletableFuture<CachedCredentials> pending) {
    circuit.onAnswer();
    synchronized (entry) {
      entry.current = fetched;
      entry.accepted = true;
      entry.failures = 0;
      entry.retryAt = null;
      entry.lastFailure = null;
      entry.inFlight = null;
    }
    LOG.debug(
        "credentials for token sha256:{} cached: {}, refresh at {}",
        entry.fingerprint,
        fetched.issued(),
        fetched.refreshAt());
    pending.complete(fetched);
  }

  private void failed(
      TokenEntry entry,
      AuthException failure,
      Instant now,
      CompletableFuture<CachedCredentials> pending) {
    if (failure.reason() == Reason.REGISTRY_UNAVAILABLE) {
      circuit.onUnavailable(now, entry.accepted);
    } else {
      circuit.onAnswer();
    }
    Instant retryAt;
    boolean keptOld;
    synchronized (entry) {
      entry.failures++;
      retryAt = now.plus(backoff.delayAfter(entry.failures));
      entry.retryAt = retryAt;
      entry.lastFailure = failure;
      if (revokes(failure.reason())) {
        entry.current = null;
      }
      keptOld = entry.current != null && entry.current.usable(now);
      entry.inFlight = null;
    }
    LOG.warn(
        "credential fetch for token sha256:{} failed ({}): {}; next attempt not before {}{}",
        entry.fingerprint,
        failure.reason(),
        failure.getMessage(),
        retryAt,
        keptOld ? "; still serving the cached credentials until they expire" : "");
    pending.completeExceptionally(failure);
  }

  /** The registry's verdict on the token itself: cached credentials must go too. */
  static boolean revokes(Reason reason) {
    return reason == Reason.REGISTRY_INVALID_TOKEN || reason == Reason.REGISTRY_FORBIDDEN;
  }

  /** A verdict on this token's requests (repeated as such while backing off). */
  static boolean verdict(Reason reason) {
    return revokes(reason) || reason == Reason.REGISTRY_REFUSED;
  }

  private AwsCredentials await(TokenEntry entry, CompletableFuture<CachedCredentials> pending) {
    AuthException failure;
    try {
      return CpuSlots.get(pending, waitTimeout).forSdk();
    } catch (TimeoutException e) {
      failure =
          new AuthException(
              Reason.REGISTRY_UNAVAILABLE,
              "timed out after "
                  + waitTimeout.toMillis()
                  + " ms waiting for the Quilt registry to issue credentials; retry later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure =
          new AuthException(
              Reason.REGISTRY_UNAVAILABLE,
              "interrupted while waiting for the Quilt registry to issue credentials");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      failure =
          cause instanceof AuthException a
              ? new AuthException(a.reason(), a.getMessage())
              : new AuthException(
                  Reason.REGISTRY_UNAVAILABLE, "the credential fetch failed; retry later");
    }
    CachedCredentials current = entry.current;
    if (current != null && current.usable(clock.instant())) {
      return current.forSdk();
    }
    throw failure;
  }

  private AuthException circuitOpen(Instant now) {
    Instant until = circuit.openUntil();
    long seconds = until == null ? 0 : Math.max(1, Duration.between(now, until).toSeconds());
    return new AuthException(
        Reason.REGISTRY_UNAVAILABLE,
        "the Quilt registry has been unavailable for several requests in a row; calls to it are"
            + " paused for about "
            + seconds
            + " s; retry later");
  }

  private static Duration positiveOrZero(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  @Override
  public String toString() {
    return "TokenCredentialCache[entries~" + entries.estimatedSize() + ", " + circuit + "]";
  }

  /** Mutable state of one token; fields guarded by the entry's monitor (current also volatile). */
  private static final class TokenEntry {
    final String fingerprint;
    final Instant tokenExpiry;
    volatile CachedCredentials current;

    /** Whether the registry has issued credentials for this token at least once. */
    volatile boolean accepted;

    CompletableFuture<CachedCredentials> inFlight;
    int failures;
    Instant retryAt;
    AuthException lastFailure;

    TokenEntry(String fingerprint, Instant tokenExpiry) {
      this.fingerprint = fingerprint;
      this.tokenExpiry = tokenExpiry;
    }

    /** The fail-fast answer while backing off: the token's verdict, or "unavailable". */
    AuthException backingOff(Instant now) {
      long seconds = Math.max(1, Duration.between(now, retryAt).toSeconds());
      Reason last = lastFailure == null ? Reason.REGISTRY_UNAVAILABLE : lastFailure.reason();
      if (verdict(last)) {
        return new AuthException(last, lastFailure.getMessage());
      }
      return new AuthException(
          Reason.REGISTRY_UNAVAILABLE,
          "credentials for this token could not be fetched "
              + failures
              + " time(s) in a row (last: "
              + last
              + "); not asking the Quilt registry again for about "
              + seconds
              + " s; retry later");
    }
  }
}
