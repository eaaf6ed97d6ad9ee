package com.quiltdata.mcp.tools.engine.internal;

import com.quiltdata.mcp.tools.engine.CallLimits;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits tool calls within {@link CallLimits}: in all, and per scope (session, token or
 * connection). The per-scope map only holds scopes with calls running, so it is bounded by the
 * calls running in all.
 */
final class CallLimiter {
  /** An admitted call; close it when the call ends. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final CallLimits limits;
  private final Semaphore all;
  private final ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();

  CallLimiter(CallLimits limits) {
    this.limits = limits;
    this.all = new Semaphore(limits.maxConcurrentCalls());
  }

  /** A permit, or {@code null} when a bound is reached. */
  Permit tryAdmit(String scope) {
    if (!all.tryAcquire()) {
      return null;
    }
    if (scope == null) {
      return all::release;
    }
    boolean[] admitted = new boolean[1];
    running.compute(
        scope,
        (k, c) -> {
          AtomicInteger n = c == null ? new AtomicInteger() : c;
          if (n.get() < limits.maxCallsPerSession()) {
            n.incrementAndGet();
            admitted[0] = true;
          }
          return n.get() == 0 ? null : n;
        });
    if (!admitted[0]) {
      all.release();
      return null;
    }
    return new Permit() {
      private boolean closed;

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        running.computeIfPresent(scope, (k, n) -> n.decrementAndGet() == 0 ? null : n);
        all.release();
      }
    };
  }

  /** Calls running in all (for tests). */
  int running() {
    return limits.maxConcurrentCalls() - all.availablePermits();
  }
}
