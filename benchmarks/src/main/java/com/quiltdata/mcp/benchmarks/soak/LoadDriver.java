package com.quiltdata.mcp.benchmarks.soak;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives {@link Traffic}: a closed loop (a fixed number of requests always in flight, to find the
 * peak) or an open loop at a fixed rate (requests are sent on schedule whether or not earlier ones
 * have been answered, as independent clients do). The open loop holds at most {@link
 * #MAX_IN_FLIGHT} requests; one more is not sent and is counted as an error of the run (the server
 * fell that far behind).
 */
final class LoadDriver implements AutoCloseable {
  /** Most requests in flight in the open loop. */
  static final int MAX_IN_FLIGHT = 2_000;

  private static final long TICK_MILLIS = 10;

  private final Traffic traffic;
  private final Recorder recorder;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "soak-ticker");
            t.setDaemon(true);
            return t;
          });
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong skipped = new AtomicLong();
  private volatile double rate;
  private double owed;

  LoadDriver(Traffic traffic, Recorder recorder) {
    this.traffic = traffic;
    this.recorder = recorder;
  }

  /**
   * Runs a closed loop of {@code concurrency} requests for {@code duration} (the caller reads the
   * answers from the recorder's phase).
   */
  void closedLoop(int concurrency, Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    Thread[] workers = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      workers[i] =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  traffic.next().join();
                }
              },
              "soak-peak-" + i);
      workers[i].start();
    }
    for (Thread w : workers) {
      w.join();
    }
  }

  /** Starts (or changes) the open loop at {@code perSecond} requests per second. */
  synchronized void fixedRate(double perSecond) {
    if (perSecond <= 0 || perSecond > 10_000) {
      throw new IllegalArgumentException("rate must be between 0 and 10000 per second");
    }
    boolean first = rate == 0;
    rate = perSecond;
    if (first) {
      ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    owed += rate * TICK_MILLIS / 1000.0;
    while (owed >= 1) {
      owed -= 1;
      if (!inFlight.tryAcquire()) {
        skipped.incrementAndGet();
        recorder.record(0, ResponseCheck.Outcome.BAD, "not sent: too many in flight", 0);
        continue;
      }
      CompletableFuture<Void> f;
      try {
        f = traffic.next();
      } catch (RuntimeException e) {
        inFlight.release();
        recorder.record(
            0, ResponseCheck.Outcome.BAD, "not sent: " + e.getClass().getSimpleName(), 0);
        continue;
      }
      f.whenComplete((v, t) -> inFlight.release());
    }
  }

  /** Requests in flight now. */
  int inFlight() {
    return MAX_IN_FLIGHT - inFlight.availablePermits();
  }

  /** Requests not sent because too many were in flight. */
  long skipped() {
    return skipped.get();
  }

  /** Stops sending and waits up to 35 s for the requests in flight. */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      inFlight.tryAcquire(MAX_IN_FLIGHT, 35, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
