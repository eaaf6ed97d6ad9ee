package com.quiltdata.mcp.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.QuiltClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Successful verifications, keyed by the SHA-256 (hex) of the canonical token text. Failures are
 * never stored.
 *
 * <p>An entry holds the claims, the verifier instance that accepted the token and the instant the
 * entry stops being trustworthy: the earlier of the token's {@code exp} and the earliest
 * still-pending deadline of any previous key in that verifier's ring (the verifier does not say
 * which key matched, so a token verified while a retired key was live is re-verified once that
 * key's deadline passes). A hit counts only when the verifier is still the current one (identity)
 * and the clock is before that instant; a changed verifier also drops every entry.
 *
 * <p>Bounded by weight: an entry weighs one unit per started {@value #BYTES_PER_UNIT} bytes of
 * claims text, so ordinary tokens count as one entry and oversized claim lists cannot multiply
 * memory by the entry count.
 */
final class VerifiedTokenCache {
  static final int BYTES_PER_UNIT = 4_096;

  /** What one successful verification established. */
  record Entry(QuiltClaims claims, JwtVerifier verifier, Instant validUntil) {}

  private final Clock clock;
  private final Cache<String, Entry> cache;
  private final AtomicReference<JwtVerifier> lastVerifier = new AtomicReference<>();

  VerifiedTokenCache(Clock clock, Ticker ticker, long maximumWeight) {
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maximumWeight)
            .weigher((String key, Entry entry) -> weight(entry.claims()))
            .expireAfter(new UntilDeadline())
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Notes the verifier in use for this request; when it differs from the last one seen (a rotation
   * or reload), every cached verification is dropped.
   */
  void observe(JwtVerifier current) {
    JwtVerifier previous = lastVerifier.get();
    if (previous != current && lastVerifier.compareAndSet(previous, current)) {
      if (previous != null) {
        cache.invalidateAll();
      }
    }
  }

  /** The claims cached for this token digest, if verified by {@code current} and still valid. */
  QuiltClaims lookup(String digest, JwtVerifier current) {
    Entry entry = cache.getIfPresent(digest);
    if (entry == null) {
      return null;
    }
    if (entry.verifier() != current || !clock.instant().isBefore(entry.validUntil())) {
      cache.asMap().remove(digest, entry);
      return null;
    }
    return entry.claims();
  }

  /** Stores a fresh verification if it has any life left. */
  void store(String digest, QuiltClaims claims, JwtVerifier verifier) {
    Instant validUntil = validUntil(claims, verifier.config().keyRing(), clock.instant());
    if (clock.instant().isBefore(validUntil)) {
      cache.put(digest, new Entry(claims, verifier, validUntil));
    }
  }

  /** Approximate number of entries (for tests and diagnostics). */
  long estimatedSize() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * The earlier of {@code exp} and the first deadline, after {@code now}, of a previous key: the
   * token may have been accepted under that key and must be checked again once it retires.
   */
  static Instant validUntil(QuiltClaims claims, KeyRing ring, Instant now) {
    Instant until = claims.expiresAt();
    for (KeyRing.RetiredKey retired : ring.previous()) {
      Instant deadline = retired.acceptedUntil();
      if (deadline.isAfter(now) && deadline.isBefore(until)) {
        until = deadline;
      }
    }
    return until;
  }

  static int weight(QuiltClaims claims) {
    long bytes = claims.subject().length();
    bytes += lengths(claims.buckets()) + lengths(claims.permissions()) + lengths(claims.roles());
    bytes += lengths(claims.audiences()) + lengths(claims.warnings());
    bytes += claims.issuer().map(String::length).orElse(0);
    bytes += claims.tokenId().map(String::length).orElse(0);
    bytes += claims.scope().map(String::length).orElse(0);
    bytes += claims.level().map(String::length).orElse(0);
    return (int) Math.min(Integer.MAX_VALUE, 1 + bytes / BYTES_PER_UNIT);
  }

  private static long lengths(List<String> values) {
    long sum = 0;
    for (String v : values) {
      sum += v.length() + 16;
    }
    return sum;
  }

  /** Entries live until their own {@code validUntil}; reads do not extend them. */
  private final class UntilDeadline implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remainingNanos(Entry entry) {
      Duration remaining = Duration.between(clock.instant(), entry.validUntil());
      if (remaining.isNegative()) {
        return 0;
      }
      try {
        return remaining.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
