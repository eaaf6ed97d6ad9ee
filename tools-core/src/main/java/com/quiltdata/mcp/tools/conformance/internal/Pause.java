package com.quiltdata.mcp.tools.conformance.internal;

import com.quiltdata.mcp.tools.ToolContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A wait that ends early when the call is cancelled. */
final class Pause {
  private final ToolContext context;

  private Pause(ToolContext context) {
    this.context = context;
  }

  static Pause of(ToolContext context) {
    return new Pause(context);
  }

  /**
   * Waits {@code millis}, or less if the call is cancelled meanwhile.
   *
   * @return whether the call was cancelled
   */
  boolean sleep(long millis) throws InterruptedException {
    CountDownLatch cancelled = new CountDownLatch(1);
    try (ToolContext.Registration r = context.onCancel(cancelled::countDown)) {
      return cancelled.await(millis, TimeUnit.MILLISECONDS);
    }
  }
}
