package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.engine.Era;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * Legacy-era sessions ({@code Mcp-Session-Id}), always looked up for the authenticated caller: a
 * session of another user is exactly as unknown as a session that never existed. Modern
 * (2026-07-28) messages never read or mint a session.
 */
final class SessionStep {
  static final String HEADER = "Mcp-Session-Id";

  private final SessionStore store;
  private final InitializeRate rate;

  SessionStep(SessionStore store, InitializeRate rate) {
    this.store = store;
    this.rate = rate;
  }

  /**
   * Finds the session a message needs.
   *
   * @return the session, or null when the message needs none (initialize, modern, invalid)
   * @throws HttpRejection 400 when the header is missing or repeated, 404 when the session is
   *     unknown, expired, terminated or another user's
   */
  Session resolve(Context ctx, InboundMessage message, Principal principal) {
    if (message.era() != Era.LEGACY || !message.requiresSession()) {
      return null;
    }
    String id = requireId(ctx);
    Session session = guarded(() -> store.lookup(id, principal)).orElseThrow(SessionStep::notFound);
    AccessRecord.of(ctx).session(true);
    return session;
  }

  /**
   * Creates the session of a successful initialize and names it in the response.
   *
   * @throws HttpRejection 429 when the peer address opens sessions too fast, 503 when the store is
   *     full of users' sessions or cannot be reached
   */
  void create(Context ctx, Principal principal, String protocolVersion) {
    rate.admit(ctx.req().getRemoteAddr());
    Session session = guarded(() -> store.create(principal, protocolVersion));
    ctx.header(HEADER, session.id());
    AccessRecord.of(ctx).session(true);
  }

  /** Keeps the log level the session's client chose ({@code logging/setLevel}). */
  void setLogLevel(Session session, Principal principal, LogLevel level) {
    if (session != null) {
      guarded(() -> store.setLogLevel(session.id(), principal, level.wireName()));
    }
  }

  /**
   * Ends the caller's session.
   *
   * @throws HttpRejection 400 without the header, 404 when there is no such session of the caller
   */
  void terminate(Context ctx, Principal principal) {
    String id = requireId(ctx);
    if (!guarded(() -> store.terminate(id, principal))) {
      throw notFound();
    }
    AccessRecord.of(ctx).session(true);
  }

  private static String requireId(Context ctx) {
    List<String> ids = OriginGuard.headers(ctx, HEADER);
    if (ids.size() > 1) {
      throw HttpRejection.of(
          400,
          HttpRejection.TRANSPORT_ERROR,
          "invalid_session_header",
          "Bad request: send exactly one Mcp-Session-Id header.");
    }
    if (ids.isEmpty() || ids.get(0).isEmpty()) {
      throw HttpRejection.of(
          400,
          HttpRejection.TRANSPORT_ERROR,
          "session_required",
          "Bad request: the Mcp-Session-Id header is required; send initialize first and"
              + " repeat the session id it returns.");
    }
    return ids.get(0);
  }

  /**
   * Runs a store call; a store that cannot be reached (Redis down) is a retryable 503 with a JSON
   * body, never a session made up locally and never a 500.
   */
  private static <T> T guarded(Supplier<T> call) {
    try {
      return call.get();
    } catch (AuthException e) {
      if (e.reason() == AuthException.Reason.SESSION_LIMIT_REACHED) {
        throw HttpRejection.of(
                503,
                HttpRejection.TRANSPORT_ERROR,
                "session_limit_reached",
                "Service unavailable: every session slot is held by a signed-in user; retry in"
                    + " a minute, or use the 2026-07-28 revision, which needs no session.")
            .withHeader("Retry-After", "60");
      }
      if (e.reason() != AuthException.Reason.SESSION_STORE_UNAVAILABLE) {
        throw e;
      }
      throw HttpRejection.of(
              503,
              HttpRejection.TRANSPORT_ERROR,
              "session_store_unavailable",
              "Service unavailable: the session store cannot be reached right now; retry in a"
                  + " moment (requests of the 2026-07-28 revision need no session).")
          .withHeader("Retry-After", "1");
    }
  }

  private static HttpRejection notFound() {
    return HttpRejection.of(
        404,
        HttpRejection.TRANSPORT_ERROR,
        "session_not_found",
        "Session not found: it expired, was ended, or belongs to someone else. Send initialize to"
            + " start a new session.");
  }
}
