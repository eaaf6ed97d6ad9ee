package com.quiltdata.mcp.auth;

import java.util.List;
import java.util.Objects;

/**
 * The authorizer's verdict on one tool call.
 *
 * @param allowed whether the call may proceed
 * @param denial why not (null when allowed)
 * @param message a fixed explanation naming what is missing (action names and bucket names are the
 *     caller's own request data, never secrets)
 * @param missingActions actions the token lacks
 */
public record AuthorizationDecision(
    boolean allowed, Denial denial, String message, List<String> missingActions) {

  /** Why a call was denied. */
  public enum Denial {
    /** The token lacks one or more required actions. */
    MISSING_ACTIONS,
    /** A bucket argument names a bucket the token does not grant (or an invalid name). */
    BUCKET_NOT_GRANTED,
    /** The tool is not in the authorization table: denied by default. */
    UNKNOWN_TOOL,
    /** The tool writes and the server is read-only. */
    WRITE_NOT_ALLOWED
  }

  /** Copies the list. */
  public AuthorizationDecision {
    Objects.requireNonNull(message, "message");
    missingActions = List.copyOf(missingActions);
  }

  /** An allow verdict. */
  public static AuthorizationDecision allow() {
    return new AuthorizationDecision(true, null, "allowed", List.of());
  }

  /** A deny verdict. */
  public static AuthorizationDecision deny(Denial denial, String message, List<String> missing) {
    return new AuthorizationDecision(
        false, Objects.requireNonNull(denial, "denial"), message, missing);
  }
}
