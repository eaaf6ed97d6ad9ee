package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.internal.StrictJson;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs Quilt-shaped tokens for tests, the embedded demo and the operator CLI. Production servers
 * only verify; they never mint.
 */
public final class JwtMinter {
  /** Which spellings of the list claims an enhanced token carries. */
  public enum ClaimForm {
    /** {@code buckets}, {@code permissions}, {@code roles}, {@code scope}, {@code level} only. */
    EXPLICIT,
    /**
     * {@code b} (compressed when worthwhile), {@code p} (abbreviated), {@code r}, {@code s}, {@code
     * l}.
     */
    SHORT,
    /** Both, as the catalog frontend sends them. */
    BOTH
  }

  private final SigningKey key;
  private final Clock clock;

  private JwtMinter(SigningKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** A minter signing with {@code key} and stamping times from {@code clock}. */
  public static JwtMinter create(SigningKey key, Clock clock) {
    return new JwtMinter(
        Objects.requireNonNull(key, "key"), Objects.requireNonNull(clock, "clock"));
  }

  /** Starts an enhanced (catalog frontend style) token for a subject. */
  public Enhanced enhanced(String subject) {
    return new Enhanced(Objects.requireNonNull(subject, "subject"));
  }

  /** A native (registry style) token: {@code id}, {@code uuid} and {@code exp} only. */
  public String nativeToken(String userId, Duration ttl) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("id", userId);
    claims.put("uuid", userId);
    claims.put("exp", clock.instant().plus(ttl).getEpochSecond());
    return sign(claims);
  }

  private String sign(Map<String, Object> claims) {
    var builder = Jwts.builder().header().type("JWT");
    if (key.keyId() != null) {
      builder.keyId(key.keyId());
    }
    return builder.and().claims(claims).signWith(key.secretKey(), Jwts.SIG.HS256).compact();
  }

  /** Builder of one enhanced token; not thread-safe. */
  public final class Enhanced {
    private final String subject;
    private String issuer = "quilt-frontend";
    private String audience = "quilt-mcp-server";
    private List<String> buckets = List.of();
    private BucketCompression compression = BucketCompression.AUTO;
    private List<String> permissions = List.of();
    private List<String> roles = List.of();
    private String scope;
    private String level;
    private Duration ttl = Duration.ofHours(1);
    private ClaimForm form = ClaimForm.BOTH;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Enhanced(String subject) {
      this.subject = subject;
    }

    /** Sets {@code iss}; {@code null} omits it. Default {@code quilt-frontend}. */
    public Enhanced issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Sets {@code aud}; {@code null} omits it. Default {@code quilt-mcp-server}. */
    public Enhanced audience(String audience) {
      this.audience = audience;
      return this;
    }

    /** Sets the granted buckets. */
    public Enhanced buckets(List<String> buckets) {
      this.buckets = List.copyOf(buckets);
      return this;
    }

    /** Sets how {@code b} is encoded. Default {@link BucketCompression#AUTO}. */
    public Enhanced compression(BucketCompression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** Sets the granted actions (full {@code service:Action} strings). */
    public Enhanced permissions(List<String> permissions) {
      this.permissions = List.copyOf(permissions);
      return this;
    }

    /** Sets the roles. */
    public Enhanced roles(List<String> roles) {
      this.roles = List.copyOf(roles);
      return this;
    }

    /** Sets {@code scope}. */
    public Enhanced scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** Sets {@code level}. */
    public Enhanced level(String level) {
      this.level = level;
      return this;
    }

    /** Sets the lifetime from now. Default one hour. */
    public Enhanced ttl(Duration ttl) {
      this.ttl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** Sets which claim spellings to include. Default {@link ClaimForm#BOTH}. */
    public Enhanced form(ClaimForm form) {
      this.form = Objects.requireNonNull(form, "form");
      return this;
    }

    /** Adds or overrides any claim (for tests of odd tokens). */
    public Enhanced claim(String name, Object value) {
      extra.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Signs the token. */
    public String mint() {
      Instant now = clock.instant();
      Map<String, Object> claims = new LinkedHashMap<>();
      if (issuer != null) {
        claims.put("iss", issuer);
      }
      if (audience != null) {
        claims.put("aud", audience);
      }
      claims.put("sub", subject);
      claims.put("iat", now.getEpochSecond());
      claims.put("exp", now.plus(ttl).getEpochSecond());
      claims.put("jti", UUID.randomUUID().toString());
      if (form != ClaimForm.SHORT) {
        claims.put("buckets", buckets);
        claims.put("permissions", permissions);
        claims.put("roles", roles);
        putIfPresent(claims, "scope", scope);
        putIfPresent(claims, "level", level);
      }
      if (form != ClaimForm.EXPLICIT) {
        JsonNode encoded = BucketListCodec.encode(buckets, compression);
        claims.put("b", StrictJson.mapper().convertValue(encoded, Object.class));
        claims.put("p", PermissionAbbreviations.abbreviate(permissions));
        claims.put("r", roles);
        putIfPresent(claims, "s", scope);
        putIfPresent(claims, "l", level);
      }
      claims.putAll(extra);
      return sign(claims);
    }

    private void putIfPresent(Map<String, Object> claims, String name, String value) {
      if (value != null) {
        claims.put(name, value);
      }
    }
  }
}
