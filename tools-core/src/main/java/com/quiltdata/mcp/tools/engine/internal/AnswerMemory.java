package com.quiltdata.mcp.tools.engine.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all answers being written at once may take: every bounded JSON buffer (tool results
 * and whole responses) draws from one budget in {@value #STEP}-byte steps while it grows, and what
 * a message's handling drew is given back only when that handling ends (the written strings live
 * until then). A buffer that cannot draw more fails at once rather than waits, so N concurrent
 * maximal answers can never hold more than the budget (ResultLimits#answerMemoryBytes).
 *
 * <p>The lease of the message being handled is kept per thread: the engine handles a message, runs
 * its tools and writes its answers on the calling thread. Thread-safe.
 */
final class AnswerMemory {
  /** Bytes drawn at a time. */
  static final int STEP = 64 * 1024;

  private final long budget;
  private final AtomicLong used = new AtomicLong();
  private final ThreadLocal<Lease> current = new ThreadLocal<>();

  AnswerMemory(long budget) {
    this.budget = budget;
  }

  /** The lease open on this thread, or null. */
  Lease current() {
    return current.get();
  }

  /** Bytes drawn by every open lease now (for tests). */
  long used() {
    return used.get();
  }

  /**
   * Opens the lease of one message's handling on this thread; a lease already open here (a nested
   * call) is shared, and only the outermost close gives the bytes back.
   */
  Lease open() {
    Lease open = current.get();
    if (open != null) {
      open.depth++;
      return open;
    }
    Lease lease = new Lease();
    current.set(lease);
    return lease;
  }

  /** Bytes drawn for one message's answers. Not shared between threads. */
  final class Lease implements AutoCloseable {
    private long held;
    private int depth;

    /**
     * Draws {@code bytes} more for this lease.
     *
     * @return false (and nothing drawn) when the budget cannot give them
     */
    boolean draw(long bytes) {
      long after = used.addAndGet(bytes);
      if (after > budget) {
        used.addAndGet(-bytes);
        return false;
      }
      held += bytes;
      return true;
    }

    @Override
    public void close() {
      if (depth > 0) {
        depth--;
        return;
      }
      current.remove();
      used.addAndGet(-held);
      held = 0;
    }
  }
}
