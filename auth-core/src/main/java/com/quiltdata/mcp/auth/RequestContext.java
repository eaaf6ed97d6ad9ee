package com.quiltdata.mcp.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The principal and session of the request being handled on this thread. Opened and closed with
 * try-with-resources so it is always cleared, even when the handler throws; works the same on
 * platform and virtual threads (each has its own thread-local).
 *
 * <pre>{@code
 * try (RequestContext.Scope scope = RequestContext.open(principal, session)) {
 *   handle(request);
 * }
 * }</pre>
 */
public final class RequestContext {
  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  private final Principal principal;
  private final Session session;

  private RequestContext(Principal principal, Session session) {
    this.principal = principal;
    this.session = session;
  }

  /**
   * Opens a context on this thread.
   *
   * @param principal the caller, or {@code null} for an anonymous handshake request
   * @param session the session, or {@code null} for a stateless request
   * @throws IllegalStateException if a context is already open on this thread
   */
  public static Scope open(Principal principal, Session session) {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("a request context is already open on this thread");
    }
    RequestContext context = new RequestContext(principal, session);
    CURRENT.set(context);
    return new Scope(context);
  }

  /** The context of the current request, if any. */
  public static Optional<RequestContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The caller, absent for anonymous handshake requests. */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  /** The session, absent for stateless requests. */
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /** Closes the context it opened; closing twice is harmless. */
  public static final class Scope implements AutoCloseable {
    private final RequestContext context;

    private Scope(RequestContext context) {
      this.context = Objects.requireNonNull(context);
    }

    /** The opened context. */
    public RequestContext context() {
      return context;
    }

    @Override
    public void close() {
      if (CURRENT.get() == context) {
        CURRENT.remove();
      }
    }
  }
}
