package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.jwt.JwtVerificationException;
import java.util.List;

/**
 * The request-level syntax of {@code Authorization: Bearer <token>} (RFC 6750 section 2.1): exactly
 * one header, the scheme {@code Bearer} in any ASCII casing, exactly one space, then one credential
 * without whitespace or control characters. Everything here is checked before any token parsing.
 *
 * <p>What the credential itself looks like (base64url segments, dots) is the verifier's business,
 * so a credential in the wrong token format is reported as an invalid token, not a malformed
 * request.
 */
final class BearerHeaderSyntax {
  private static final String SCHEME = "bearer";

  /** The token text, or the finished result when the header values already decide the outcome. */
  /**
   * A parsed header: the token (and whether it is all visible ASCII, found in the same pass), or
   * the result to answer with.
   */
  record Parsed(String token, boolean visibleAscii, AuthenticationResult result) {}

  private BearerHeaderSyntax() {}

  /**
   * Extracts the one bearer credential.
   *
   * @param values every {@code Authorization} header value of the request ({@code null} = none)
   * @param maxTokenLength the verifier's limit; longer header values are refused unread
   */
  static Parsed parse(List<String> values, int maxTokenLength) {
    if (values == null || values.isEmpty()) {
      return done(AuthenticationResult.missing());
    }
    if (values.size() != 1) {
      return done(
          AuthenticationResult.malformedRequest(
              "more than one Authorization header was sent; send exactly one"));
    }
    String value = values.get(0);
    if (value == null) {
      return done(AuthenticationResult.malformedRequest("the Authorization header is empty"));
    }
    if (value.length() > maxTokenLength + SCHEME.length() + 1) {
      return done(
          AuthenticationResult.rejected(
              new JwtVerificationException(
                  JwtVerificationException.Reason.TOO_LARGE,
                  "the token is longer than the configured limit of " + maxTokenLength)));
    }
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!isBearerScheme(scheme)) {
      return done(
          AuthenticationResult.malformedRequest(
              "the Authorization header must use the Bearer scheme: 'Bearer <token>'"));
    }
    if (space < 0 || space == value.length() - 1) {
      return done(
          AuthenticationResult.malformedRequest(
              "the Authorization header carries no token after 'Bearer '"));
    }
    String token = value.substring(space + 1);
    boolean visibleAscii = true;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      visibleAscii &= c < 0x7f;
      if (c <= 0x20 || c == 0x7f) {
        return done(
            AuthenticationResult.malformedRequest(
                "the Authorization header must be 'Bearer' followed by one space and one token,"
                    + " without further spaces or control characters"));
      }
    }
    return new Parsed(token, visibleAscii, null);
  }

  /** ASCII-only case-insensitive comparison with {@code bearer} (no Unicode case folding). */
  private static boolean isBearerScheme(String scheme) {
    if (scheme.length() != SCHEME.length()) {
      return false;
    }
    for (int i = 0; i < SCHEME.length(); i++) {
      char c = scheme.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      if (lower != SCHEME.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static Parsed done(AuthenticationResult result) {
    return new Parsed(null, false, result);
  }
}
