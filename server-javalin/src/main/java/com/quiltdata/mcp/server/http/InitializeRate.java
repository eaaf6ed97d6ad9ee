package com.quiltdata.mcp.server.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast one peer address may open legacy sessions: a token bucket per address, refilled at
 * {@link TrafficLimits#initializePerSecond()} and holding five seconds' worth. An empty bucket is a
 * 429 with {@code Retry-After}. At most {@value #MAX_ADDRESSES} addresses are tracked (the one idle
 * the longest is forgotten first). Per replica; thread-safe.
 */
final class InitializeRate {
  /** Addresses tracked at once. */
  static final int MAX_ADDRESSES = 10_000;

  /** Seconds of the rate one bucket holds. */
  static final int BURST_SECONDS = 5;

  private final Clock clock;
  private final double perMilli;
  private final double capacity;

  private final Map<String, double[]> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  InitializeRate(int perSecond, Clock clock) {
    this.clock = clock;
    this.perMilli = perSecond / 1000.0;
    this.capacity = (double) perSecond * BURST_SECONDS;
  }

  /**
   * Takes one session from the address's bucket.
   *
   * @throws HttpRejection 429 when it is empty
   */
  void admit(String address) {
    long now = clock.millis();
    synchronized (buckets) {
      // bucket: [tokens, time of the last refill in ms]
      double[] b = buckets.computeIfAbsent(address, a -> new double[] {capacity, now});
      b[0] = Math.min(capacity, b[0] + Math.max(0, now - (long) b[1]) * perMilli);
      b[1] = now;
      if (b[0] >= 1) {
        b[0] -= 1;
        return;
      }
    }
    throw HttpRejection.of(
            429,
            HttpRejection.TRANSPORT_ERROR,
            "too_many_sessions",
            "Too many requests: this address opens sessions faster than allowed"
                + " (MCP_INITIALIZE_RATE); reuse the session you have, or retry in a moment.")
        .withHeader("Retry-After", "1");
  }
}
