package com.quiltdata.mcp.server.http;

/**
 * {@code WWW-Authenticate: Bearer ...} values (RFC 6750 section 3, RFC 9728 section 5.1). Every
 * challenge names the protected-resource metadata so that clients can discover the authorization
 * server; descriptions are fixed texts, quoted safely.
 */
final class Challenges {
  static final String HEADER = "WWW-Authenticate";

  private Challenges() {}

  /** No token was sent: 401 without an error code. */
  static String tokenRequired(String metadataUrl) {
    return "Bearer resource_metadata=\"" + quote(metadataUrl) + "\"";
  }

  /** A token was sent and rejected: 401 {@code invalid_token}. */
  static String invalidToken(String metadataUrl, String description) {
    return withError(metadataUrl, "invalid_token", description);
  }

  /** The request's credentials are malformed: 400 {@code invalid_request}. */
  static String invalidRequest(String metadataUrl, String description) {
    return withError(metadataUrl, "invalid_request", description);
  }

  /** The token lacks a permission: 403 {@code insufficient_scope}. */
  static String insufficientScope(String metadataUrl, String description) {
    return withError(metadataUrl, "insufficient_scope", description);
  }

  private static String withError(String metadataUrl, String error, String description) {
    StringBuilder out =
        new StringBuilder("Bearer resource_metadata=\"")
            .append(quote(metadataUrl))
            .append("\", error=\"")
            .append(error)
            .append('"');
    if (description != null && !description.isEmpty()) {
      out.append(", error_description=\"").append(quote(description)).append('"');
    }
    return out.toString();
  }

  /** Printable ASCII only, without quotes or backslashes (RFC 6750 error_description charset). */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 256));
    for (int i = 0; i < text.length() && out.length() < 256; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
