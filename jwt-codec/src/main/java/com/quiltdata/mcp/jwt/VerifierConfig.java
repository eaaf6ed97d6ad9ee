package com.quiltdata.mcp.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of a {@link JwtVerifier}. Build with {@link #builder(KeyRing)}; every setter
 * validates eagerly and names the bad field.
 */
public final class VerifierConfig {
  /** Default tolerance for clock differences between signer and verifier. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** Default longest accepted distance between {@code iat} (or now) and {@code exp}. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** Default longest accepted token, in characters (real catalog tokens are 4-8 KB). */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 16_384;

  private final KeyRing keyRing;
  private final Clock clock;
  private final Duration clockSkew;
  private final Duration maxLifetime;
  private final Set<String> issuers;
  private final Set<String> audiences;
  private final int maxTokenLength;
  private final ClaimLimits claimLimits;

  private VerifierConfig(Builder b) {
    this.keyRing = b.keyRing;
    this.clock = b.clock;
    this.clockSkew = b.clockSkew;
    this.maxLifetime = b.maxLifetime;
    this.issuers = b.issuers;
    this.audiences = b.audiences;
    this.maxTokenLength = b.maxTokenLength;
    this.claimLimits = b.claimLimits;
  }

  /** Starts a configuration for the given keys with every other setting at its default. */
  public static Builder builder(KeyRing keyRing) {
    return new Builder(keyRing);
  }

  /** A builder pre-filled with this configuration, to derive a variant (e.g. a rotated ring). */
  public Builder toBuilder() {
    return new Builder(keyRing)
        .clock(clock)
        .clockSkew(clockSkew)
        .maxLifetime(maxLifetime)
        .issuers(issuers)
        .audiences(audiences)
        .maxTokenLength(maxTokenLength)
        .claimLimits(claimLimits);
  }

  /** The keys signatures are checked with. */
  public KeyRing keyRing() {
    return keyRing;
  }

  /** The source of "now". */
  public Clock clock() {
    return clock;
  }

  /** Tolerance applied to {@code exp}, {@code nbf} and {@code iat}. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** Longest accepted token lifetime. */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** Accepted {@code iss} values; empty means the issuer is not checked. */
  public Set<String> issuers() {
    return issuers;
  }

  /** Accepted {@code aud} values; empty means the audience is not checked. */
  public Set<String> audiences() {
    return audiences;
  }

  /** Longest accepted token, in characters. */
  public int maxTokenLength() {
    return maxTokenLength;
  }

  /** Bounds on claim contents. */
  public ClaimLimits claimLimits() {
    return claimLimits;
  }

  @Override
  public String toString() {
    return "VerifierConfig[keyRing="
        + keyRing
        + ", clockSkew="
        + clockSkew
        + ", maxLifetime="
        + maxLifetime
        + ", issuers="
        + issuers
        + ", audiences="
        + audiences
        + ", maxTokenLength="
        + maxTokenLength
        + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private KeyRing keyRing;
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private Set<String> issuers = Set.of();
    private Set<String> audiences = Set.of();
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private ClaimLimits claimLimits = ClaimLimits.DEFAULTS;

    private Builder(KeyRing keyRing) {
      keyRing(keyRing);
    }

    /** Replaces the key ring. */
    public Builder keyRing(KeyRing keyRing) {
      this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
      return this;
    }

    /** Sets the clock (inject a fixed one in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the clock skew: 0 to 5 minutes. */
    public Builder clockSkew(Duration clockSkew) {
      Objects.requireNonNull(clockSkew, "clockSkew");
      if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes");
      }
      this.clockSkew = clockSkew;
      return this;
    }

    /** Sets the maximum token lifetime: 1 minute to 30 days. */
    public Builder maxLifetime(Duration maxLifetime) {
      Objects.requireNonNull(maxLifetime, "maxLifetime");
      if (maxLifetime.compareTo(Duration.ofMinutes(1)) < 0
          || maxLifetime.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("maxLifetime must be between 1 minute and 30 days");
      }
      this.maxLifetime = maxLifetime;
      return this;
    }

    /** Sets the accepted issuers; an empty set disables the check. */
    public Builder issuers(Set<String> issuers) {
      this.issuers = nonBlankSet(issuers, "issuers");
      return this;
    }

    /** Sets the accepted audiences; an empty set disables the check. */
    public Builder audiences(Set<String> audiences) {
      this.audiences = nonBlankSet(audiences, "audiences");
      return this;
    }

    /** Sets the longest accepted token: 512 to 65536 characters. */
    public Builder maxTokenLength(int maxTokenLength) {
      if (maxTokenLength < 512 || maxTokenLength > 65_536) {
        throw new IllegalArgumentException("maxTokenLength must be between 512 and 65536");
      }
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /** Sets the claim bounds. */
    public Builder claimLimits(ClaimLimits claimLimits) {
      this.claimLimits = Objects.requireNonNull(claimLimits, "claimLimits");
      return this;
    }

    /** Builds the immutable configuration. */
    public VerifierConfig build() {
      return new VerifierConfig(this);
    }

    private static Set<String> nonBlankSet(Set<String> values, String field) {
      Objects.requireNonNull(values, field);
      for (String v : values) {
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException(field + " must not contain blank values");
        }
      }
      return Set.copyOf(values);
    }
  }
}
