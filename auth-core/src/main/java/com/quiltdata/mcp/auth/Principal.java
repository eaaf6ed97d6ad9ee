package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.jwt.TokenKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the subject and claims of a verified token (web mode), or the local desktop user
 * (stdio mode, possibly with a token from the environment). Immutable.
 */
public final class Principal {
  /** Where the principal's identity comes from. */
  public enum Origin {
    /** A bearer token verified on this request. */
    BEARER_TOKEN,
    /** The local desktop user of a stdio server (AWS credentials from the local chain). */
    DESKTOP
  }

  private final String subject;
  private final QuiltClaims claims;
  private final BearerToken token;
  private final Origin origin;
  private final String subjectFingerprint;

  private Principal(String subject, QuiltClaims claims, BearerToken token, Origin origin) {
    this.subject = subject;
    this.claims = claims;
    this.token = token;
    this.origin = origin;
    this.subjectFingerprint = HexFormat.of().formatHex(sha256(subject), 0, 4);
  }

  /** A principal authenticated by a verified bearer token. */
  public static Principal fromToken(QuiltClaims claims, BearerToken token) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(token, "token");
    return new Principal(claims.subject(), claims, token, Origin.BEARER_TOKEN);
  }

  /** The desktop user of a stdio server, described by (synthetic or token) claims. */
  public static Principal desktop(QuiltClaims claims) {
    Objects.requireNonNull(claims, "claims");
    return new Principal(claims.subject(), claims, null, Origin.DESKTOP);
  }

  /** The user id ({@code sub}, {@code id} or {@code uuid}). */
  public String subject() {
    return subject;
  }

  /** The verified claims. */
  public QuiltClaims claims() {
    return claims;
  }

  /** Enhanced or native token. */
  public TokenKind kind() {
    return claims.kind();
  }

  /** The bearer token, absent for a desktop principal without one. */
  public Optional<BearerToken> token() {
    return Optional.ofNullable(token);
  }

  /** Where the identity comes from. */
  public Origin origin() {
    return origin;
  }

  /** 8 hex digits derived from the subject: correlates log lines without naming the user. */
  public String subjectFingerprint() {
    return subjectFingerprint;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Principal[subject#"
        + subjectFingerprint
        + ", origin="
        + origin
        + ", kind="
        + claims.kind()
        + (token == null ? "" : ", token=" + token)
        + "]";
  }
}
