package com.quiltdata.mcp.auth.internal.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class SteppingClock extends Clock {
  private final AtomicReference<Instant> now;

  public SteppingClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves time forward. */
  public void advance(Duration step) {
    now.updateAndGet(t -> t.plus(step));
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
