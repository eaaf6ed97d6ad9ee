package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.engine.NotificationSink;
import java.util.function.LongSupplier;

/**
 * The progress and log messages of one tool call, turned into notifications for the transport:
 * progress only with the client's token and only forward, log messages only at or above the
 * client's level; both bounded in size and rate (a token bucket each), the caller's own token
 * redacted from every text. Nothing is sent once the call has ended. Thread-safe.
 */
final class CallNotifier implements AutoCloseable {
  /** Longest message text sent; longer ones are cut and marked. */
  static final int MAX_TEXT = 4096;

  /** Log messages: a burst of 50, then 20 a second. */
  static final int LOG_BURST = 50;

  static final int LOGS_PER_SECOND = 20;

  /** Progress notifications: a burst of 100, then 50 a second. */
  static final int PROGRESS_BURST = 100;

  static final int PROGRESS_PER_SECOND = 50;

  private static final String REDACTED = "[redacted]";
  private static final String CUT = "... [truncated]";

  private final NotificationSink sink;
  private final JsonNode progressToken;
  private final LogLevel threshold;
  private final String logger;
  private final String secret;
  private final LongSupplier nanoTime;
  private Bucket logs;
  private Bucket progressRate;
  private double lastProgress = Double.NEGATIVE_INFINITY;
  private int droppedLogs;
  private boolean closed;

  /**
   * @param progressToken the client's {@code _meta.progressToken}, or null: no progress is sent
   * @param threshold the client's log level, or null: no log message is sent
   * @param logger the tool name, shown as the messages' {@code logger}
   * @param secret the caller's raw token, redacted wherever it appears (null: none)
   */
  CallNotifier(
      NotificationSink sink,
      JsonNode progressToken,
      LogLevel threshold,
      String logger,
      String secret,
      LongSupplier nanoTime) {
    this.sink = sink;
    this.progressToken = progressToken;
    this.threshold = threshold;
    this.logger = logger;
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.nanoTime = nanoTime;
  }

  /** Whether the client asked for progress. */
  boolean progressRequested() {
    return progressToken != null;
  }

  synchronized void progress(double progress, Double total, String message) {
    if (closed || progressToken == null || !Double.isFinite(progress)) {
      return;
    }
    boolean last = total != null && progress >= total;
    if (progressRate == null) {
      progressRate = new Bucket(PROGRESS_BURST, PROGRESS_PER_SECOND, nanoTime);
    }
    if (progress <= lastProgress || (!last && !progressRate.take())) {
      return;
    }
    lastProgress = progress;
    ObjectNode params = JsonCodec.NODES.objectNode();
    params.set("progressToken", progressToken);
    params.put("progress", progress);
    if (total != null && Double.isFinite(total)) {
      params.put("total", total);
    }
    if (message != null) {
      params.put("message", clean(message));
    }
    emit("notifications/progress", params);
  }

  synchronized void log(LogLevel level, String message) {
    if (closed || threshold == null || level == null || !level.atLeast(threshold)) {
      return;
    }
    if (logs == null) {
      logs = new Bucket(LOG_BURST, LOGS_PER_SECOND, nanoTime);
    }
    if (!logs.take()) {
      droppedLogs++;
      return;
    }
    message(level, clean(message == null ? "" : message));
  }

  /** Ends the call: says how many log messages the rate bound dropped, then sends nothing more. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (droppedLogs > 0 && threshold != null && LogLevel.WARNING.atLeast(threshold)) {
      message(
          LogLevel.WARNING,
          droppedLogs
              + " log message(s) of this call were dropped: at most "
              + LOG_BURST
              + " at once and "
              + LOGS_PER_SECOND
              + " a second are sent");
    }
    closed = true;
  }

  private void message(LogLevel level, String text) {
    ObjectNode params = JsonCodec.NODES.objectNode();
    params.put("level", level.wireName());
    params.put("logger", logger);
    params.put("data", text);
    emit("notifications/message", params);
  }

  private void emit(String method, ObjectNode params) {
    ObjectNode n = JsonCodec.NODES.objectNode();
    n.put("jsonrpc", "2.0");
    n.put("method", method);
    n.set("params", params);
    sink.send(JsonCodec.write(n));
  }

  /** The text with the caller's token removed and cut to {@link #MAX_TEXT}. */
  private String clean(String text) {
    String t = secret != null && text.contains(secret) ? text.replace(secret, REDACTED) : text;
    if (t.length() > MAX_TEXT) {
      int end = MAX_TEXT - CUT.length();
      if (Character.isHighSurrogate(t.charAt(end - 1))) {
        end--;
      }
      t = t.substring(0, end) + CUT;
    }
    return t;
  }

  /** A token bucket over a nanosecond clock. */
  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    Bucket(int capacity, int perSecond, LongSupplier nanoTime) {
      this.capacity = capacity;
      this.perNano = perSecond / 1e9;
      this.nanoTime = nanoTime;
      this.tokens = capacity;
      this.last = nanoTime.getAsLong();
    }

    boolean take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
