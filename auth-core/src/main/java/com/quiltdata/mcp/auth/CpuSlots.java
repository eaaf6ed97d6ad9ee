package com.quiltdata.mcp.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds how many request threads do CPU-bound work at once, while a request that waits on the
 * network (S3, the registry, the catalog's GraphQL, Redis, an Athena poll, a slow client's SSE
 * stream) holds no slot.
 *
 * <p>Why: with many more runnable request threads than cores, every request's work is sliced
 * between all of them (the tail latency grows with the thread count), and the JIT's compiler
 * threads get a small share of the CPU, so a loaded server stays interpreted for a long time. A few
 * slots (about the core count) keep the runnable threads few; the others wait in line, fairly,
 * without spinning. A thread pool of that size would do the same for CPU work but would starve
 * calls that wait on I/O; slots are given back for the wait and taken again after it.
 *
 * <p>A request thread takes its slot with {@link #enter()} and gives it back by closing it; code
 * that blocks on I/O wraps the wait in {@link #waiting(Wait)}, which is a no-op on threads without
 * a slot (stdio, background threads, tests). Slots are a scheduling aid, never a limit that can
 * stall the server: a thread that cannot get a slot within {@link #maxWait()} goes on without one
 * and is counted in {@link #overruns()}. Thread-safe.
 */
public final class CpuSlots {
  /** The most slots: more than this many would not bound anything on today's machines. */
  public static final int MAX_SLOTS = 1024;

  /** The longest {@link #maxWait()}. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** No bound: {@link #enter()} always goes on at once. */
  public static final CpuSlots OFF = new CpuSlots(0, Duration.ZERO);

  private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

  private final int slots;
  private final Duration maxWait;
  private final long maxWaitNanos;
  private final Semaphore permits;
  private final AtomicLong overruns = new AtomicLong();
  private final AtomicLong waitNanos = new AtomicLong();

  private CpuSlots(int slots, Duration maxWait) {
    this.slots = slots;
    this.maxWait = maxWait;
    this.maxWaitNanos = maxWait.toNanos();
    this.permits = new Semaphore(Math.max(slots, 1), true);
  }

  /**
   * Slots for CPU-bound request work.
   *
   * @param slots how many threads may do such work at once, 1 .. {@value #MAX_SLOTS}
   * @param maxWait the longest a thread waits for a slot before it goes on without one, 1 ms .. 10
   *     s
   * @throws IllegalArgumentException naming the bad field
   */
  public static CpuSlots of(int slots, Duration maxWait) {
    if (slots < 1 || slots > MAX_SLOTS) {
      throw new IllegalArgumentException("slots must be between 1 and " + MAX_SLOTS);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.compareTo(Duration.ofMillis(1)) < 0 || maxWait.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("maxWait must be between 1 ms and 10 s");
    }
    return new CpuSlots(slots, maxWait);
  }

  /** Whether slots bound anything (false for {@link #OFF}). */
  public boolean enabled() {
    return slots > 0;
  }

  /** How many threads may do CPU-bound work at once; 0 when {@link #OFF}. */
  public int slots() {
    return slots;
  }

  /** The longest a thread waits for a slot. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Slots free right now. */
  public int available() {
    return enabled() ? permits.availablePermits() : 0;
  }

  /** Threads waiting for a slot right now (an estimate, for metrics). */
  public int waiting() {
    return permits.getQueueLength();
  }

  /** How many times a thread went on without a slot because none came free within the wait. */
  public long overruns() {
    return overruns.get();
  }

  /** The time threads spent waiting for slots, in all. */
  public Duration waited() {
    return Duration.ofNanos(waitNanos.get());
  }

  /**
   * Takes a slot for the calling thread, waiting up to {@link #maxWait()}; close the result when
   * the thread's CPU-bound work ends. A thread that already has a slot (of any {@code CpuSlots})
   * gets a no-op: slots do not nest.
   */
  public Slot enter() {
    if (!enabled() || CURRENT.get() != null) {
      return Slot.NONE;
    }
    Slot slot = new Slot(this);
    slot.held = take();
    CURRENT.set(slot);
    return slot;
  }

  /**
   * Runs a wait on I/O without the calling thread's slot: gives it back, runs {@code wait}, and
   * takes a slot again (waiting in line like any request). Without a slot it just runs {@code
   * wait}.
   *
   * @return what {@code wait} returned
   * @throws E what {@code wait} threw (the slot is taken again first)
   */
  public static <T, E extends Exception> T waiting(Wait<T, E> wait) throws E {
    Slot paused = pause();
    try {
      return wait.run();
    } finally {
      resume(paused);
    }
  }

  /**
   * Waits for {@code future} without the calling thread's slot, as {@link #waiting} does.
   *
   * @return the future's value
   * @throws TimeoutException when it did not complete within {@code timeout}
   */
  public static <T> T get(Future<T> future, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Slot paused = pause();
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      resume(paused);
    }
  }

  /** Gives the calling thread's slot back; returns it (null when it held none). */
  private static Slot pause() {
    Slot slot = CURRENT.get();
    if (slot == null || !slot.held) {
      return null;
    }
    slot.held = false;
    slot.owner.permits.release();
    return slot;
  }

  private static void resume(Slot paused) {
    if (paused != null) {
      paused.held = paused.owner.take();
    }
  }

  /** Whether the calling thread holds a slot right now (for tests and assertions). */
  public static boolean held() {
    Slot slot = CURRENT.get();
    return slot != null && slot.held;
  }

  private boolean take() {
    if (permits.tryAcquire()) {
      return true;
    }
    long start = System.nanoTime();
    boolean acquired;
    try {
      acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    waitNanos.addAndGet(System.nanoTime() - start);
    if (!acquired) {
      overruns.incrementAndGet();
    }
    return acquired;
  }

  @Override
  public String toString() {
    return enabled() ? "CpuSlots[" + slots + ", maxWait=" + maxWait.toMillis() + "ms]" : "off";
  }

  /** A wait on I/O, run by {@link #waiting}. */
  @FunctionalInterface
  public interface Wait<T, E extends Exception> {
    /** Runs the wait. */
    T run() throws E;
  }

  /** The calling thread's slot; close it on the thread that entered. */
  public static final class Slot implements AutoCloseable {
    private static final Slot NONE = new Slot(null);

    private final CpuSlots owner;
    private boolean held;

    private Slot(CpuSlots owner) {
      this.owner = owner;
    }

    /** Gives the slot back (when held) and forgets it; idempotent. */
    @Override
    public void close() {
      if (owner == null || CURRENT.get() != this) {
        return;
      }
      CURRENT.remove();
      if (held) {
        held = false;
        owner.permits.release();
      }
    }
  }
}
