package com.quiltdata.mcp.tools.aws.internal;

import software.amazon.awssdk.http.ExecutableHttpRequest;

/**
 * The HTTP requests one tool call makes on this thread, so that cancelling the call can abort the
 * request it is blocked on (its connection is closed, which also ends a body being read). An AWS
 * call's requests run one after another on the calling thread, so only the latest is kept.
 */
public final class AbortScope implements AutoCloseable {
  private static final ThreadLocal<AbortScope> CURRENT = new ThreadLocal<>();

  private final AbortScope outer;
  private ExecutableHttpRequest latest;
  private boolean aborted;

  private AbortScope(AbortScope outer) {
    this.outer = outer;
  }

  /** Opens a scope on this thread; close it in the same thread. */
  public static AbortScope open() {
    AbortScope scope = new AbortScope(CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** The scope open on this thread, or {@code null}. */
  static AbortScope current() {
    return CURRENT.get();
  }

  /** Records a request about to be sent; aborts it at once if the scope already was. */
  synchronized boolean track(ExecutableHttpRequest request) {
    latest = request;
    if (aborted) {
      request.abort();
    }
    return !aborted;
  }

  /** Aborts the request in flight (if any) and every later one. Safe from any thread. */
  public void abort() {
    ExecutableHttpRequest request;
    synchronized (this) {
      aborted = true;
      request = latest;
    }
    if (request != null) {
      request.abort();
    }
  }

  /** Whether {@link #abort()} was called. */
  public synchronized boolean aborted() {
    return aborted;
  }

  @Override
  public void close() {
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    synchronized (this) {
      latest = null;
    }
  }
}
