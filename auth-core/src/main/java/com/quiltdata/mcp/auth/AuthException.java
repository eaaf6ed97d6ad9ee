package com.quiltdata.mcp.auth;

import java.util.Objects;

/**
 * The one unchecked exception of auth-core. {@link #reason()} is stable and machine-readable;
 * adapters map it to HTTP statuses or tool errors. Messages never contain tokens, secrets or
 * credentials.
 */
public final class AuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an auth-core operation failed. */
  public enum Reason {
    /** Configuration is missing, weak or contradictory; the process should not start. */
    CONFIGURATION(false),
    /** The signing secret could not be read (file unreadable, SSM unreachable or refused). */
    SECRET_UNAVAILABLE(true),
    /** The registry refused the token (401): invalid or outdated. */
    REGISTRY_INVALID_TOKEN(false),
    /** The registry answered 403 for this token. */
    REGISTRY_FORBIDDEN(false),
    /**
     * The registry refused this request with another 4xx (for example 400 for headers too large): a
     * verdict on this token's request, not an outage; the same token will not do better.
     */
    REGISTRY_REFUSED(false),
    /** The registry could not be reached, timed out, answered 5xx or 429, or is in back-off. */
    REGISTRY_UNAVAILABLE(true),
    /** The registry answered 2xx with a body that is not usable credentials. */
    REGISTRY_BAD_RESPONSE(true),
    /** Credentials arrived already expired (or expiring within the refresh margin). */
    CREDENTIALS_EXPIRED(true),
    /** No credentials may be used for this request (for example: web mode without a token). */
    CREDENTIALS_NOT_AVAILABLE(false),
    /** The shared session store (Redis) could not be reached or did not answer in time. */
    SESSION_STORE_UNAVAILABLE(true),
    /**
     * The session store is full of sessions bound to users: a new one is refused rather than any
     * user's established session evicted. Retry later (sessions end after their idle timeout), or
     * use the 2026-07-28 revision, which needs no session.
     */
    SESSION_LIMIT_REACHED(true);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether retrying the same request later may succeed. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;

  /** Creates an exception with a fixed, secret-free message. */
  public AuthException(Reason reason, String message) {
    super(message, null, false, true);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception with a cause whose message is equally secret-free. */
  public AuthException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, true);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason code. */
  public Reason reason() {
    return reason;
  }

  /** Shorthand for {@code reason().retryable()}. */
  public boolean retryable() {
    return reason.retryable();
  }
}
