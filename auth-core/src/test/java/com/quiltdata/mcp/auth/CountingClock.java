package com.quiltdata.mcp.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delegates to another clock and counts readings. Given to a {@code JwtVerifier}, whose {@code
 * verify} reads its clock exactly once per token that passes the strict format check, it counts
 * verifications without any timing.
 */
final class CountingClock extends Clock {
  private final Clock delegate;
  private final AtomicLong readings = new AtomicLong();

  CountingClock(Clock delegate) {
    this.delegate = delegate;
  }

  long readings() {
    return readings.get();
  }

  @Override
  public Instant instant() {
    readings.incrementAndGet();
    return delegate.instant();
  }

  @Override
  public ZoneId getZone() {
    return delegate.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
