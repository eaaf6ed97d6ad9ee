package com.quiltdata.mcp.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified Quilt token says about its bearer. Immutable.
 *
 * <p>Explicit claims ({@code buckets}, {@code permissions}, {@code roles}, {@code scope}, {@code
 * level}) win over their short forms ({@code b}, {@code p}, {@code r}, {@code s}, {@code l}); the
 * two are never merged. Permissions are full {@code service:Action} strings after abbreviation
 * expansion; bucket names are valid S3 names. Things dropped on the way (unknown abbreviations,
 * invalid bucket names) are listed in {@link #warnings()}.
 *
 * <p>Claims only narrow what a user may do: the frontend's signing secret is visible to browsers,
 * so the real boundary is the AWS credentials the registry issues for the token.
 */
public final class QuiltClaims {
  private final String subject;
  private final String issuer;
  private final List<String> audiences;
  private final Instant issuedAt;
  private final Instant notBefore;
  private final Instant expiresAt;
  private final String tokenId;
  private final List<String> buckets;
  private final List<String> permissions;
  private final List<String> roles;
  private final String scope;
  private final String level;
  private final TokenKind kind;
  private final List<String> warnings;

  private QuiltClaims(Builder b) {
    this.subject = b.subject;
    this.issuer = b.issuer;
    this.audiences = List.copyOf(b.audiences);
    this.issuedAt = b.issuedAt;
    this.notBefore = b.notBefore;
    this.expiresAt = b.expiresAt;
    this.tokenId = b.tokenId;
    this.buckets = List.copyOf(b.buckets);
    this.permissions = List.copyOf(b.permissions);
    this.roles = List.copyOf(b.roles);
    this.scope = b.scope;
    this.level = b.level;
    this.kind = b.kind;
    this.warnings = List.copyOf(b.warnings);
  }

  /**
   * Starts claims for a subject. Used by the verifier, and by embedders and tests that need a
   * principal without a token (for example desktop mode).
   */
  public static Builder builder(String subject, Instant expiresAt) {
    return new Builder(subject, expiresAt);
  }

  /** The user: {@code sub}, else {@code id}, else {@code uuid}. Never empty. */
  public String subject() {
    return subject;
  }

  /** {@code iss}, when present. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** {@code aud} as a list (a single string becomes a one-element list). */
  public List<String> audiences() {
    return audiences;
  }

  /** {@code iat}, when present. */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /** {@code nbf}, when present. */
  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  /** {@code exp}: always present on a verified token. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@code jti}, when present. */
  public Optional<String> tokenId() {
    return Optional.ofNullable(tokenId);
  }

  /** Bucket names the token grants (valid S3 names, byte-exact). */
  public List<String> buckets() {
    return buckets;
  }

  /** Full {@code service:Action} strings, abbreviations expanded, wildcards kept literal. */
  public List<String> permissions() {
    return permissions;
  }

  /** Role names. */
  public List<String> roles() {
    return roles;
  }

  /** {@code scope}, when present. */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /** {@code level}, when present. */
  public Optional<String> level() {
    return Optional.ofNullable(level);
  }

  /** Enhanced (catalog frontend) or native (registry) token. */
  public TokenKind kind() {
    return kind;
  }

  /** Human-readable notes about claims that were dropped or looked odd. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "QuiltClaims[kind="
        + kind
        + ", buckets="
        + buckets.size()
        + ", permissions="
        + permissions.size()
        + ", expiresAt="
        + expiresAt
        + ", warnings="
        + warnings.size()
        + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String subject;
    private final Instant expiresAt;
    private String issuer;
    private List<String> audiences = List.of();
    private Instant issuedAt;
    private Instant notBefore;
    private String tokenId;
    private List<String> buckets = List.of();
    private List<String> permissions = List.of();
    private List<String> roles = List.of();
    private String scope;
    private String level;
    private TokenKind kind = TokenKind.ENHANCED;
    private List<String> warnings = List.of();

    private Builder(String subject, Instant expiresAt) {
      Objects.requireNonNull(subject, "subject");
      if (subject.isEmpty()) {
        throw new IllegalArgumentException("subject must not be empty");
      }
      this.subject = subject;
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Sets {@code iss} ({@code null} for none). */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Sets the audiences. */
    public Builder audiences(List<String> audiences) {
      this.audiences = List.copyOf(audiences);
      return this;
    }

    /** Sets {@code iat} ({@code null} for none). */
    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** Sets {@code nbf} ({@code null} for none). */
    public Builder notBefore(Instant notBefore) {
      this.notBefore = notBefore;
      return this;
    }

    /** Sets {@code jti} ({@code null} for none). */
    public Builder tokenId(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    /** Sets the granted buckets (must be valid S3 names). */
    public Builder buckets(List<String> buckets) {
      for (String b : buckets) {
        if (!BucketNames.isValid(b)) {
          throw new IllegalArgumentException("not a valid S3 bucket name in buckets");
        }
      }
      return validatedBuckets(buckets);
    }

    /** For the claims reader, which has already dropped invalid names. */
    Builder validatedBuckets(List<String> buckets) {
      this.buckets = List.copyOf(buckets);
      return this;
    }

    /** Sets the granted actions (full {@code service:Action} strings). */
    public Builder permissions(List<String> permissions) {
      this.permissions = List.copyOf(permissions);
      return this;
    }

    /** Sets the roles. */
    public Builder roles(List<String> roles) {
      this.roles = List.copyOf(roles);
      return this;
    }

    /** Sets {@code scope} ({@code null} for none). */
    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** Sets {@code level} ({@code null} for none). */
    public Builder level(String level) {
      this.level = level;
      return this;
    }

    /** Sets the token kind. */
    public Builder kind(TokenKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** Sets the warnings. */
    public Builder warnings(List<String> warnings) {
      this.warnings = List.copyOf(warnings);
      return this;
    }

    /** Builds the immutable claims. */
    public QuiltClaims build() {
      return new QuiltClaims(this);
    }
  }
}
