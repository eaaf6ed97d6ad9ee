package com.quiltdata.mcp.tools.conformance.internal;

/** What became of the latest {@code test_slow_operation} call. Thread-safe. */
final class SlowCalls {
  private String state = "none";
  private int steps;
  private int planned;

  synchronized void started(int plannedSteps) {
    state = "running";
    steps = 0;
    planned = plannedSteps;
  }

  synchronized void advanced(int done) {
    steps = done;
  }

  synchronized void cancelled(int done) {
    state = "cancelled";
    steps = done;
  }

  synchronized void completed(int done) {
    state = "completed";
    steps = done;
  }

  /** {@code state}, {@code steps} done and {@code planned} steps. */
  synchronized String report() {
    return "{\"state\":\"" + state + "\",\"steps\":" + steps + ",\"planned\":" + planned + "}";
  }
}
