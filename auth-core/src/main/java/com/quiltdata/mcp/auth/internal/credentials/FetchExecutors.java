package com.quiltdata.mcp.auth.internal.credentials;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor for credential fetches: bounded threads, bounded queue, daemon threads. */
public final class FetchExecutors {
  /** Threads fetching at once by default. */
  public static final int DEFAULT_THREADS = 16;

  /** Fetches waiting for a thread by default; beyond it a fetch fails fast as unavailable. */
  public static final int DEFAULT_QUEUE = 1024;

  private FetchExecutors() {}

  /**
   * A pool of up to {@code threads} daemon threads (idle ones exit after a minute) and a queue of
   * {@code queue} tasks; when full, {@code execute} throws {@code RejectedExecutionException}.
   */
  public static Executor bounded(int threads, int queue) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "quilt-credentials-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            factory,
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
