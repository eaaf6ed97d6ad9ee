package com.quiltdata.mcp.tools;

import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import java.time.Clock;
import java.util.Optional;

/** What a running tool may know and use. One per call; not shared between calls. */
public interface ToolContext {
  /** The authenticated caller (never absent: the engine never runs a tool anonymously). */
  Principal principal();

  /** The legacy session, if the call belongs to one. */
  Optional<Session> session();

  /** The protocol version in effect for this call. */
  String protocolVersion();

  /**
   * Access to the caller's AWS credentials. When the engine was built without a broker, the
   * provider it hands out fails with {@code AuthException(CREDENTIALS_NOT_AVAILABLE)}.
   */
  CredentialsBroker credentials();

  /** The engine's clock. */
  Clock clock();

  /**
   * Whether the client cancelled this request ({@code notifications/cancelled}, or a transport that
   * saw the client go away); long-running tools should check it and stop early. The engine sends no
   * response for a cancelled request.
   */
  boolean isCancelled();

  /**
   * Reports how far the call has got. Sent to the client as {@code notifications/progress} only
   * when it asked for progress ({@code _meta.progressToken}); a value not above the last one sent
   * is dropped (progress only moves forward), and reports are bounded in rate. Never put a secret,
   * a token or credentials in {@code message}.
   *
   * @param progress how much is done, e.g. rows scanned or objects hashed
   * @param total how much there is in all, or {@code null} when unknown
   * @param message a short human-readable status, or {@code null}
   */
  void progress(double progress, Double total, String message);

  /** Shorthand for {@code progress(progress, total, null)}. */
  default void progress(double progress, double total) {
    progress(progress, total, null);
  }

  /**
   * Sends a log message to the client ({@code notifications/message}) when it asked for messages at
   * this level or above (legacy: {@code logging/setLevel} for the session, default {@code info};
   * 2026-07-28: the request's {@code _meta} level, else nothing). Bounded in size and rate; never
   * put a secret, a token or credentials in it.
   */
  void log(LogLevel level, String message);

  /**
   * Runs {@code action} when the call is cancelled (at once, on this thread, if it already is), for
   * example to abort a request the tool is blocked on. The action must be quick and must not throw.
   * Close the registration when the work it guards is over.
   */
  Registration onCancel(Runnable action);

  /** A cancellation listener; closing it removes the listener. Idempotent. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
