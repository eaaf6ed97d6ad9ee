package com.quiltdata.mcp.auth.internal.credentials;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit. A body over the limit is not an error of the
 * exchange: the subscription is cancelled and the result says {@code overflow}, so the status code
 * is still available to the caller. Signals arrive serially (reactive-streams rule), so no locking.
 */
final class BoundedBodySubscriber
    implements HttpResponse.BodySubscriber<BoundedBodySubscriber.Body> {

  /**
   * A collected body.
   *
   * @param bytes the body, empty when it overflowed
   * @param overflow whether the body was larger than the limit (and was dropped)
   */
  record Body(byte[] bytes, boolean overflow) {}

  private final int limit;
  private final ByteArrayOutputStream buffer;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  BoundedBodySubscriber(int limit) {
    this.limit = limit;
    this.buffer = new ByteArrayOutputStream(Math.min(limit, 2048));
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
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
