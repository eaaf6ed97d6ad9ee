package com.quiltdata.mcp.server.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives request bodies before a worker thread is spent on them, and bounds how long and how
 * much.
 *
 * <p>Installed in front of Javalin: a {@code POST} with a body is read by Jetty's {@link
 * EagerContentHandler} as the bytes arrive (asynchronously: no thread waits for a slow sender), and
 * only the complete request is dispatched to the routes. Around that, every body:
 *
 * <ul>
 *   <li>must arrive within {@link TrafficLimits#bodyTimeout()} of the request's start; after it the
 *       request is dispatched with a failed body, answered 408 and the connection closed;
 *   <li>counts, until its request completes, against {@link TrafficLimits#bodyBufferBytes()} for
 *       all requests at once; over it the body fails and the request is answered 503 (retryable).
 * </ul>
 *
 * <p>{@link SizeLimits#readBody} turns such a failed body into its JSON answer. Thread-safe.
 */
final class BodyIntake extends Handler.Wrapper {
  /** Bytes counted per received chunk beyond its content: framing and buffer overhead. */
  static final int CHUNK_OVERHEAD = 64;

  private final Duration timeout;
  private final long budget;
  private final long dispatchAtOnceOver;
  private final BiPredicate<Request, List<String>> refusedByHeaders;
  private final EagerContentHandler eager;
  private final AtomicLong buffered = new AtomicLong();

  /**
   * @param limits the body timeout and buffer budget
   * @param maxBodyBytes the body limit: larger bodies are not retained ahead of the routes
   * @param refusedByHeaders whether the routes will refuse a request by its {@code Authorization}
   *     header values alone (a bad or expired token): such a request goes to the routes at once,
   *     its body unread, so the 401 never waits for a slow body. It may leave its verdict in a
   *     request attribute for the routes (one verification per request).
   */
  BodyIntake(
      TrafficLimits limits, int maxBodyBytes, BiPredicate<Request, List<String>> refusedByHeaders) {
    this.timeout = limits.bodyTimeout();
    this.budget = limits.bodyBufferBytes();
    this.dispatchAtOnceOver = (long) maxBodyBytes + SizeLimits.DRAIN_BYTES;
    this.refusedByHeaders = refusedByHeaders;
    this.eager =
        new EagerContentHandler(
            new EagerContentHandler.RetainedContentLoaderFactory(
                maxBodyBytes + 1L, CHUNK_OVERHEAD, false));
    eager.includeMethod("POST");
    setHandler(eager);
  }

  /** The body bytes held right now for requests in progress (for tests and health). */
  long bufferedBytes() {
    return buffered.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!expectsContent(request)) {
      return super.handle(request, response, callback);
    }
    TimedBody body = new TimedBody(request);
    Callback done = Callback.from(callback, body::finish);
    List<String> authorization = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
    boolean atOnce =
        request.getLength() > dispatchAtOnceOver
            || (!authorization.isEmpty() && refusedByHeaders.test(request, authorization));
    Handler next = atOnce ? eager.getHandler() : eager;
    try {
      if (next.handle(body, response, done)) {
        return true;
      }
    } catch (Exception | Error e) {
      body.finish();
      throw e;
    }
    body.finish();
    return false;
  }

  private static boolean expectsContent(Request request) {
    long length = request.getLength();
    return length > 0
        || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
  }

  /** The reason a body failed, carrying the answer the routes give. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient HttpRejection rejection;

    Refused(HttpRejection rejection) {
      super(rejection.getMessage(), null, false, false);
      this.rejection = rejection;
    }

    HttpRejection rejection() {
      return rejection;
    }
  }

  static HttpRejection timedOut(Duration timeout) {
    return HttpRejection.of(
            408,
            HttpRejection.TRANSPORT_ERROR,
            "body_timeout",
            "Request timeout: the request body did not arrive within "
                + timeout.toSeconds()
                + " s (MCP_BODY_TIMEOUT_SECONDS); send it at once.")
        .withHeader("Connection", "close");
  }

  static HttpRejection overBudget() {
    return HttpRejection.of(
            503,
            HttpRejection.TRANSPORT_ERROR,
            "server_busy",
            "Service unavailable: too many request bodies are being received right now"
                + " (MCP_BODY_BUFFER_BYTES); retry in a moment.")
        .withHeader("Retry-After", "1")
        .withHeader("Connection", "close");
  }

  /** A request whose body must arrive in time and within the shared budget. */
  private final class TimedBody extends Request.Wrapper {
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Scheduler.Task timer;
    private volatile Refused failure;
    private volatile boolean complete;
    private long counted;

    TimedBody(Request request) {
      super(request);
      this.timer =
          request
              .getComponents()
              .getScheduler()
              .schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Content.Chunk read() {
      Refused refused = failure;
      if (refused != null) {
        return Content.Chunk.from(refused, true);
      }
      Content.Chunk chunk = super.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      long size = chunk.remaining() + (long) CHUNK_OVERHEAD;
      synchronized (this) {
        if (finished.get()) {
          return chunk;
        }
        counted += size;
      }
      if (buffered.addAndGet(size) > budget) {
        chunk.release();
        fail(new Refused(overBudget()));
        return Content.Chunk.from(failure, true);
      }
      if (chunk.isLast()) {
        complete = true;
        timer.cancel();
      }
      return chunk;
    }

    @Override
    public void demand(Runnable callback) {
      if (failure != null) {
        callback.run();
        return;
      }
      pending.set(callback);
      super.demand(this::wake);
      if (failure != null) {
        wake();
      }
    }

    private void expire() {
      if (!complete) {
        fail(new Refused(timedOut(timeout)));
      }
    }

    private void fail(Refused refused) {
      if (failure == null) {
        failure = refused;
      }
      wake();
    }

    /** Runs the waiting demand callback once, whether the bytes or a failure woke it. */
    private void wake() {
      Runnable waiting = pending.getAndSet(null);
      if (waiting != null) {
        waiting.run();
      }
    }

    /** Gives back the counted bytes and stops the timer; once. */
    void finish() {
      if (finished.compareAndSet(false, true)) {
        timer.cancel();
        long give;
        synchronized (this) {
          give = counted;
          counted = 0;
        }
        buffered.addAndGet(-give);
      }
    }
  }
}
