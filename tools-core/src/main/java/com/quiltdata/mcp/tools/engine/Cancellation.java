package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.tools.ToolContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancellation of one request: set by {@code notifications/cancelled} or by a transport that
 * saw the client go away, read by the running tool, and heard by whatever the tool is blocked on
 * (an AWS request). Thread-safe; cancelling twice is harmless.
 *
 * <pre>{@code
 * Cancellation cancel = new Cancellation();
 * CallContext ctx = CallContext.http()....cancellation(cancel).build();
 * // on a failed write to the client:
 * cancel.cancel();
 * }</pre>
 */
public final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private final Object lock = new Object();
  private List<Runnable> listeners;
  private volatile boolean cancelled;

  /** A request not (yet) cancelled. */
  public Cancellation() {}

  /** Cancels the request: the flag is set and every listener runs once, on this thread. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = listeners == null ? List.of() : listeners;
      listeners = null;
    }
    for (Runnable r : toRun) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.warn("a cancellation listener failed: {}", e.getClass().getSimpleName());
      }
    }
  }

  /** Whether the request was cancelled. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code action} on cancellation, at once if the request already is cancelled.
   *
   * @return closing it removes the listener
   */
  public ToolContext.Registration onCancel(Runnable action) {
    synchronized (lock) {
      if (!cancelled) {
        if (listeners == null) {
          listeners = new ArrayList<>(2);
        }
        listeners.add(action);
        return () -> {
          synchronized (lock) {
            if (listeners != null) {
              listeners.remove(action);
            }
          }
        };
      }
    }
    action.run();
    return () -> {};
  }

  @Override
  public String toString() {
    return "Cancellation[" + (cancelled ? "cancelled" : "running") + "]";
  }
}
