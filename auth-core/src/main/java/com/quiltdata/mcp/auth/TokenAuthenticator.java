package com.quiltdata.mcp.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import com.quiltdata.mcp.jwt.JwtVerificationException;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.QuiltClaims;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Authenticator} of web mode: checks the header syntax, then verifies the bearer token
 * with the {@link VerifierSource}'s current verifier on every request.
 *
 * <p>Successful verifications are cached so that a token presented again costs one SHA-256 and a
 * map look-up instead of JSON parsing and an HMAC:
 *
 * <ul>
 *   <li>the key is the SHA-256 of the token text the verifier accepted (its strict compact form has
 *       exactly one spelling per token); the raw header is never a key and the token is not kept;
 *   <li>an entry lives no longer than the token's {@code exp}, and no longer than the earliest
 *       deadline of a previous key that was still accepted when the token was verified (the
 *       verifier does not report which key matched, so the token is re-verified once any retired
 *       key of the ring retires: a token of a retired key then fails, a token of the current key is
 *       simply cached again);
 *   <li>an entry counts only for the verifier instance that produced it, and a change of verifier
 *       (key rotation, reload) drops the whole cache;
 *   <li>failures are never cached, so invalid tokens cannot grow memory;
 *   <li>the cache is bounded ({@link Builder#maximumCacheSize(long)}; claims larger than 4 KB count
 *       as several entries).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);

  /** Default bound of the verification cache, in entries. */
  public static final long DEFAULT_MAXIMUM_CACHE_SIZE = 10_000;

  private final VerifierSource verifiers;
  private final VerifiedTokenCache cache;

  private TokenAuthenticator(Builder b) {
    this.verifiers = b.verifiers;
    Ticker ticker = b.ticker != null ? b.ticker : tickerOf(b.clock);
    this.cache =
        b.maximumCacheSize == 0
            ? null
            : new VerifiedTokenCache(b.clock, ticker, b.maximumCacheSize);
  }

  /** Starts a builder for an authenticator verifying with {@code verifiers}. */
  public static Builder builder(VerifierSource verifiers) {
    return new Builder(verifiers);
  }

  @Override
  public AuthenticationResult authenticate(List<String> authorizationHeaderValues) {
    JwtVerifier verifier =
        Objects.requireNonNull(verifiers.current(), "the verifier source returned no verifier");
    BearerHeaderSyntax.Parsed parsed =
        BearerHeaderSyntax.parse(authorizationHeaderValues, verifier.config().maxTokenLength());
    if (parsed.result() != null) {
      return parsed.result();
    }
    String token = parsed.token();
    boolean cacheable = cache != null && parsed.visibleAscii();
    BearerToken bearer = null;
    String digest = null;
    if (cacheable) {
      cache.observe(verifier);
      bearer = BearerToken.ofCheckedAscii(token);
      digest = bearer.sha256Hex();
      QuiltClaims cached = cache.lookup(digest, verifier);
      if (cached != null) {
        return AuthenticationResult.authenticated(Principal.fromToken(cached, bearer));
      }
    }
    QuiltClaims claims;
    try {
      claims = verifier.verify(token);
    } catch (JwtVerificationException e) {
      return AuthenticationResult.rejected(e);
    } catch (RuntimeException e) {
      // Fail closed, never as a server error; the message may quote token bytes, so only the type.
      LOG.warn("token verification failed unexpectedly: {}", e.getClass().getName());
      return AuthenticationResult.rejected(
          new JwtVerificationException(
              JwtVerificationException.Reason.MALFORMED, "the token could not be processed"));
    }
    if (cacheable) {
      cache.store(digest, claims, verifier);
    } else {
      bearer = BearerToken.of(token);
    }
    return AuthenticationResult.authenticated(Principal.fromToken(claims, bearer));
  }

  /** Number of cached verifications right now (approximate; for diagnostics and tests). */
  public long cachedVerifications() {
    return cache == null ? 0 : cache.estimatedSize();
  }

  /** Only visible-ASCII text can be a valid token; anything else goes to the verifier uncached. */
  static Ticker tickerOf(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  @Override
  public String toString() {
    return "TokenAuthenticator[cache=" + (cache == null ? "off" : "on") + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final VerifierSource verifiers;
    private Clock clock = Clock.systemUTC();
    private long maximumCacheSize = DEFAULT_MAXIMUM_CACHE_SIZE;
    private Ticker ticker;

    private Builder(VerifierSource verifiers) {
      this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
    }

    /**
     * Sets the clock deciding when cached verifications lapse. Use the clock the verifiers use.
     * Default: the system UTC clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the bound of the verification cache: 0 (no caching) to 1,000,000 entries. Default
     * 10,000.
     */
    public Builder maximumCacheSize(long maximumCacheSize) {
      if (maximumCacheSize < 0 || maximumCacheSize > 1_000_000) {
        throw new IllegalArgumentException("maximumCacheSize must be between 0 and 1000000");
      }
      this.maximumCacheSize = maximumCacheSize;
      return this;
    }

    /**
     * Sets the time source of the cache's expiry bookkeeping. Default: derived from {@link
     * #clock(Clock)}. Whatever the ticker says, a cached verification is never used once the clock
     * has reached its deadline.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Builds the authenticator. */
    public TokenAuthenticator build() {
      return new TokenAuthenticator(this);
    }
  }
}
