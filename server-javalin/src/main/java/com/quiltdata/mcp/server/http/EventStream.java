package com.quiltdata.mcp.server.http;

import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.tools.engine.Cancellation;
import com.quiltdata.mcp.tools.engine.NotificationSink;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one POSTed {@code tools/call}, as an SSE stream when there is something to stream
 * and the client accepts {@code text/event-stream}, else as plain JSON. The stream opens when the
 * request asked for progress (as soon as the tool is allowed to run), at the first notification, or
 * after one keep-alive interval of a silent call; it then carries {@code notifications/*} events, a
 * {@code : keep-alive} comment every interval, and finally the response, and closes. A failed write
 * (the client went away) cancels the call. Writes from the tool's thread and the keep-alive thread
 * are serialised; nothing is written after {@link #finish}.
 */
final class EventStream implements NotificationSink {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_HEAD =
      "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);

  private enum State {
    PENDING,
    OPEN,
    DONE
  }

  private final Context ctx;
  private final boolean acceptsSse;
  private final Cancellation cancellation;
  private ScheduledFuture<?> keepAlive;
  private State state = State.PENDING;
  private OutputStream out;
  private boolean broken;
  private int dropped;

  EventStream(Context ctx, boolean acceptsSse, Cancellation cancellation) {
    this.ctx = ctx;
    this.acceptsSse = acceptsSse;
    this.cancellation = cancellation;
  }

  /** Whether an {@code Accept} header value admits {@code text/event-stream} (not with q=0). */
  static boolean accepts(Iterable<String> acceptHeaders) {
    for (String header : acceptHeaders) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        if (!"text/event-stream".equals(parts[0].trim().toLowerCase(Locale.ROOT))) {
          continue;
        }
        boolean zero = false;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
          zero |= p.equals("q=0") || p.startsWith("q=0.0") && p.matches("q=0\\.0*");
        }
        if (!zero) {
          return true;
        }
      }
    }
    return false;
  }

  /** Starts the keep-alive comments (and the switch of a silent call to a stream). */
  void keepAliveEvery(ScheduledExecutorService scheduler, long millis) {
    if (!acceptsSse) {
      return;
    }
    synchronized (this) {
      keepAlive = scheduler.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void progressRequested() {
    if (acceptsSse) {
      open();
    }
  }

  @Override
  public synchronized void send(String notificationJson) {
    if (state == State.DONE || !acceptsSse) {
      dropped++;
      return;
    }
    open();
    event(notificationJson);
  }

  /** Whether the answer went out as a stream (the adapter then sends nothing else). */
  synchronized boolean streaming() {
    return state != State.PENDING;
  }

  /**
   * Ends the stream: the response as the last event (when there is one), then the stream closes.
   * Does nothing when no stream was opened: the adapter sends the plain answer.
   *
   * @param responseJson the JSON-RPC response, or {@code null} when nothing is answered
   * @return whether a stream was open (so the answer has been sent)
   */
  synchronized boolean finish(String responseJson) {
    if (keepAlive != null) {
      keepAlive.cancel(false);
    }
    if (dropped > 0 && !acceptsSse) {
      LOG.debug(
          "{} notification(s) dropped: the client does not accept text/event-stream", dropped);
    }
    State was = state;
    state = State.DONE;
    if (was != State.OPEN) {
      return false;
    }
    if (responseJson != null) {
      event(responseJson);
    }
    if (!broken) {
      try {
        out.close();
      } catch (IOException e) {
        broken = true;
      }
    }
    return true;
  }

  private synchronized void tick() {
    if (state == State.DONE) {
      return;
    }
    open();
    write(KEEP_ALIVE);
  }

  private void open() {
    if (state != State.PENDING) {
      return;
    }
    state = State.OPEN;
    ctx.status(200);
    ctx.header("Content-Type", "text/event-stream; charset=utf-8");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Accel-Buffering", "no");
    AccessRecord.of(ctx).streamed(true);
    try {
      out = ctx.res().getOutputStream();
      // a slow reader blocks the flush: wait without a CPU slot
      CpuSlots.waiting(
          () -> {
            ctx.res().flushBuffer();
            return null;
          });
    } catch (IOException e) {
      gone();
    }
  }

  private void event(String json) {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = EVENT_HEAD;
    byte[] frame = new byte[head.length + data.length + 2];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(data, 0, frame, head.length, data.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    write(frame);
  }

  private void write(byte[] bytes) {
    if (broken || out == null) {
      return;
    }
    OutputStream stream = out;
    try {
      CpuSlots.waiting(
          () -> {
            stream.write(bytes);
            stream.flush();
            return null;
          });
    } catch (IOException e) {
      gone();
    }
  }

  private void gone() {
    if (!broken) {
      broken = true;
      LOG.info("the client closed the stream of a running tool call; cancelling it");
      cancellation.cancel();
    }
  }
}
