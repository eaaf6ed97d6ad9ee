package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.AuthException;
import java.util.Objects;

/**
 * The one failure type of tool authors: a {@link Reason} the client can branch on and a message
 * that is safe to show to the model and the user (it says what failed and how to fix it, and never
 * contains tokens, secrets or credentials). Thrown from {@link Tool#call}, it becomes an {@code
 * isError} result whose structured content carries {@code reason}, {@code retryable} and {@code
 * message} (see {@link ToolResult#failure(ToolFailure)}).
 *
 * <pre>{@code
 * throw new ToolFailure(S3Reason.NO_SUCH_KEY, "No object at s3://b/k. Check the key");
 * }</pre>
 */
public final class ToolFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Why a call failed. Each tool family has an enum of its own reasons implementing this (enums
   * supply {@link #name()}); the reasons every family shares are {@link CommonReason}.
   */
  public interface Reason {
    /** The stable, machine-readable name, e.g. {@code NO_SUCH_KEY}. */
    String name();

    /** Whether the same call may succeed later without changing anything. */
    boolean retryable();
  }

  private final transient Reason reason;
  private final transient ObjectNode details;

  /** A failure with a reason and a safe, actionable message. */
  public ToolFailure(Reason reason, String safeMessage) {
    this(reason, safeMessage, null);
  }

  /**
   * A failure that also reports what was done before it (for example the per-item results of a
   * partial write): {@code details} are merged into the structured content, beside {@code reason},
   * {@code retryable} and {@code message}, which they may not replace.
   */
  public ToolFailure(Reason reason, String safeMessage, ObjectNode details) {
    super(Objects.requireNonNull(safeMessage, "safeMessage"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.details = details == null ? null : details.deepCopy();
  }

  /** Shorthand for an {@link CommonReason#INVALID_ARGUMENT} failure. */
  public static ToolFailure invalidArgument(String safeMessage) {
    return new ToolFailure(CommonReason.INVALID_ARGUMENT, safeMessage);
  }

  /**
   * The failure of a caller whose AWS credentials could not be had: {@link
   * CommonReason#CREDENTIALS_UNAVAILABLE} (retryable) or {@link CommonReason#CREDENTIALS_REFUSED},
   * as the credentials broker says, with advice that fits its reason.
   */
  public static ToolFailure credentials(AuthException e) {
    String detail = " (" + e.reason().name() + ": " + e.getMessage() + ")";
    if (e.retryable()) {
      return new ToolFailure(
          CommonReason.CREDENTIALS_UNAVAILABLE,
          "Your AWS credentials could not be obtained from the Quilt registry right now"
              + detail
              + ". Retry the same call in a few seconds; if it keeps failing the registry may be"
              + " down");
    }
    String advice;
    switch (e.reason()) {
      case REGISTRY_INVALID_TOKEN:
        advice = "Sign in to the Quilt catalog again to get a fresh token, then retry";
        break;
      case REGISTRY_FORBIDDEN:
        advice = "Ask a Quilt administrator to check this user's role";
        break;
      case REGISTRY_REFUSED:
        advice =
            "The registry refused this token's request; a token too large for its header limit"
                + " is the usual cause: sign in again or ask an administrator to grant fewer"
                + " buckets per token";
        break;
      default:
        advice = "Present a valid, unexpired token to a server configured with a Quilt registry";
    }
    return new ToolFailure(
        CommonReason.CREDENTIALS_REFUSED,
        "No AWS credentials are issued for this request" + detail + ". " + advice);
  }

  /** Shorthand for a {@link CommonReason#CANCELLED} failure. */
  public static ToolFailure cancelled() {
    return new ToolFailure(CommonReason.CANCELLED, "The call was cancelled by the client");
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }

  /** Whether retrying may help, as the reason says. */
  public boolean retryable() {
    return reason.retryable();
  }

  /** Extra structured facts (a copy), or {@code null}. */
  public ObjectNode details() {
    return details == null ? null : details.deepCopy();
  }

  /**
   * The message as the model reads it: the safe message followed by {@code (reason: NAME,
   * retryable: yes|no)}.
   */
  public String describe() {
    return getMessage()
        + " (reason: "
        + reason.name()
        + ", retryable: "
        + (reason.retryable() ? "yes" : "no")
        + ")";
  }

  /** The {@code isError} result of this failure. */
  public ToolResult toResult() {
    return ToolResult.failure(this);
  }

  @Override
  public String toString() {
    return "ToolFailure[" + reason.name() + "]";
  }
}
