package com.quiltdata.mcp.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.quiltdata.mcp.jwt.JwtVerificationException.Reason;
import com.quiltdata.mcp.jwt.internal.CompactJws;
import com.quiltdata.mcp.jwt.internal.StrictJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Quilt bearer tokens strictly and turns them into {@link QuiltClaims}. Immutable and
 * thread-safe; build one per key ring and share it.
 *
 * <p>Checks, in order: size and strict compact form; header (HS256 only, {@code typ} JWT, no {@code
 * zip}, {@code crit}, {@code cty}, {@code b64} or key material/URLs, {@code kid} exact match);
 * payload JSON (one object, no duplicate keys); numeric dates range-checked; signature under a live
 * key; expiry, not-before and issued-at against the injected clock with the configured skew;
 * lifetime; issuer and audience when configured; then the claim model.
 */
public final class JwtVerifier {
  private static final String[] FORBIDDEN_HEADERS = {
    "zip", "crit", "cty", "b64", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256"
  };

  private final VerifierConfig config;
  private final ClaimsReader reader;

  private JwtVerifier(VerifierConfig config) {
    this.config = config;
    this.reader = new ClaimsReader(config.claimLimits());
  }

  /** Creates a verifier for the configuration. */
  public static JwtVerifier create(VerifierConfig config) {
    return new JwtVerifier(Objects.requireNonNull(config, "config"));
  }

  /** The configuration this verifier applies. */
  public VerifierConfig config() {
    return config;
  }

  /**
   * Verifies a compact token (without any {@code Bearer } prefix).
   *
   * @return the claims of an authentic, currently valid token
   * @throws JwtVerificationException with a stable reason for any token that is not accepted
   */
  public QuiltClaims verify(String token) {
    CompactJws jws = CompactJws.parse(token, config.maxTokenLength());
    Instant now = config.clock().instant();
    List<SigningKey> candidates = keysFor(jws, now);
    JsonNode payload = StrictJson.readObject(jws.payload(), "payload");
    Instant expiresAt = ClaimsReader.numericDate(payload, "exp", true);
    Instant issuedAt = ClaimsReader.numericDate(payload, "iat", false);
    Instant notBefore = ClaimsReader.numericDate(payload, "nbf", false);
    checkSignature(jws, candidates);
    checkTimes(now, expiresAt, issuedAt, notBefore);
    String issuer = reader.optionalText(payload, "iss");
    checkIssuer(issuer);
    List<String> audiences = reader.audiences(payload);
    checkAudience(audiences);
    return buildClaims(payload, issuer, audiences, issuedAt, notBefore, expiresAt);
  }

  /**
   * The JWS layer alone: strict form, header rules, key selection and signature, without reading
   * the payload as claims. For test vectors whose payloads are not JSON claims.
   *
   * @return the verified payload bytes
   */
  byte[] verifySignature(String token) {
    CompactJws jws = CompactJws.parse(token, config.maxTokenLength());
    checkSignature(jws, keysFor(jws, config.clock().instant()));
    return jws.payload();
  }

  private List<SigningKey> keysFor(CompactJws jws, Instant now) {
    JsonNode header = StrictJson.readObject(jws.header(), "header");
    String keyId = checkHeader(header);
    jws.requireHs256Signature();
    List<SigningKey> candidates = config.keyRing().candidates(keyId, now);
    if (candidates.isEmpty()) {
      throw new JwtVerificationException(
          Reason.UNKNOWN_KEY,
          "the token names a key id ('kid') this server does not hold or no longer accepts");
    }
    return candidates;
  }

  private static String checkHeader(JsonNode header) {
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw new JwtVerificationException(
          Reason.UNSUPPORTED_ALGORITHM, "the token header names no algorithm; HS256 is required");
    }
    if (!"HS256".equals(alg.textValue()) || header.has("enc")) {
      throw new JwtVerificationException(
          Reason.UNSUPPORTED_ALGORITHM, "only HS256 signed tokens are accepted");
    }
    for (String name : FORBIDDEN_HEADERS) {
      if (header.has(name)) {
        throw new JwtVerificationException(
            Reason.MALFORMED,
            "the token header carries '" + name + "', which this server does not accept");
      }
    }
    JsonNode typ = header.get("typ");
    if (typ != null && !(typ.isTextual() && "JWT".equals(typ.textValue()))) {
      throw new JwtVerificationException(
          Reason.MALFORMED, "the token header 'typ' must be JWT when present");
    }
    JsonNode kid = header.get("kid");
    if (kid == null) {
      return null;
    }
    if (!kid.isTextual() || !SigningKey.isPrintableKeyId(kid.textValue())) {
      throw new JwtVerificationException(
          Reason.MALFORMED, "the token header 'kid' must be a short printable string");
    }
    return kid.textValue();
  }

  private static void checkSignature(CompactJws jws, List<SigningKey> candidates) {
    byte[] signature = jws.signature();
    for (SigningKey key : candidates) {
      if (SignatureCheck.verifies(jws.asciiBytes(), jws.signingInputLength(), signature, key)) {
        return;
      }
    }
    throw new JwtVerificationException(
        Reason.BAD_SIGNATURE,
        "the token signature does not match the server's key; compare key fingerprints"
            + " (quilt-mcp-diag fingerprint) between the signer and this server");
  }

  private void checkTimes(Instant now, Instant expiresAt, Instant issuedAt, Instant notBefore) {
    Duration skew = config.clockSkew();
    if (!now.isBefore(expiresAt.plus(skew))) {
      throw new JwtVerificationException(
          Reason.EXPIRED, "the token has expired; the client must obtain a fresh token");
    }
    Instant latestAcceptable = now.plus(skew);
    if (notBefore != null && notBefore.isAfter(latestAcceptable)) {
      throw new JwtVerificationException(
          Reason.NOT_YET_VALID, "the token is not valid yet ('nbf' is in the future)");
    }
    if (issuedAt != null && issuedAt.isAfter(latestAcceptable)) {
      throw new JwtVerificationException(
          Reason.NOT_YET_VALID,
          "the token was issued in the future ('iat'); check the clocks of signer and server");
    }
    Instant start = issuedAt != null ? issuedAt : (notBefore != null ? notBefore : now);
    if (expiresAt.isBefore(start)) {
      throw new JwtVerificationException(
          Reason.INVALID_CLAIMS, "the token expires before it was issued");
    }
    if (Duration.between(start, expiresAt).compareTo(config.maxLifetime()) > 0) {
      throw new JwtVerificationException(
          Reason.LIFETIME_TOO_LONG,
          "the token lives longer than the configured maximum of " + config.maxLifetime());
    }
  }

  private void checkIssuer(String issuer) {
    if (!config.issuers().isEmpty() && (issuer == null || !config.issuers().contains(issuer))) {
      throw new JwtVerificationException(
          Reason.WRONG_ISSUER,
          "the token issuer ('iss') is missing or not one of the configured issuers");
    }
  }

  private void checkAudience(List<String> audiences) {
    if (config.audiences().isEmpty()) {
      return;
    }
    for (String audience : audiences) {
      if (config.audiences().contains(audience)) {
        return;
      }
    }
    throw new JwtVerificationException(
        Reason.WRONG_AUDIENCE,
        "the token audience ('aud') is missing or names none of the configured audiences");
  }

  private QuiltClaims buildClaims(
      JsonNode payload,
      String issuer,
      List<String> audiences,
      Instant issuedAt,
      Instant notBefore,
      Instant expiresAt) {
    List<String> warnings = new ArrayList<>(2);
    return QuiltClaims.builder(reader.subject(payload), expiresAt)
        .issuer(issuer)
        .audiences(audiences)
        .issuedAt(issuedAt)
        .notBefore(notBefore)
        .tokenId(reader.optionalText(payload, "jti"))
        .validatedBuckets(reader.buckets(payload, warnings))
        .permissions(reader.permissions(payload, warnings))
        .roles(reader.roles(payload))
        .scope(reader.explicitOrShort(payload, "scope", "s"))
        .level(reader.explicitOrShort(payload, "level", "l"))
        .kind(ClaimsReader.kind(payload))
        .warnings(warnings)
        .build();
  }

  @Override
  public String toString() {
    return "JwtVerifier[" + config + "]";
  }
}
