package com.quiltdata.mcp.auth;

import java.util.List;

/**
 * Turns the {@code Authorization} header values of one request into a principal. Every request is
 * verified; implementations may cache verified tokens (keyed by the SHA-256 of the canonical token,
 * entries never outliving the token) to make repeats cheap.
 */
public interface Authenticator {
  /**
   * Authenticates one request.
   *
   * @param authorizationHeaderValues every {@code Authorization} header value the request carried
   *     (empty list when none); exactly one {@code Bearer <token>} is accepted
   */
  AuthenticationResult authenticate(List<String> authorizationHeaderValues);
}
