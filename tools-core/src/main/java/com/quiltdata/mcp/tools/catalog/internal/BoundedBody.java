package com.quiltdata.mcp.tools.catalog.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit; past it the subscription is cancelled and the body
 * reports {@code overflow}, so the status code is still known. Signals arrive serially.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {
  /**
   * A collected body.
   *
   * @param bytes the body, empty when it overflowed
   * @param overflow whether the body passed the limit (and was dropped)
   */
  public record Body(byte[] bytes, boolean overflow) {}

  private final int limit;
  private final ByteArrayOutputStream buffer;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  /** A subscriber that keeps at most {@code limit} bytes. */
  public BoundedBody(int limit) {
    this.limit = limit;
    this.buffer = new ByteArrayOutputStream(Math.min(limit, 8192));
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if (n > limit - buffer.size()) {
        subscription.cancel();
        result.complete(new Body(new byte[0], true));
        return;
      }
      byte[] chunk = new byte[n];
      item.get(chunk);
      buffer.write(chunk, 0, n);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(buffer.toByteArray(), false));
  }
}
