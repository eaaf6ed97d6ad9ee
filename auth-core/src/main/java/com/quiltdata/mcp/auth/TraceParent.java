package com.quiltdata.mcp.auth;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * A W3C trace context {@code traceparent} (version {@code 00}): {@code 00-<32 hex trace id>-<16 hex
 * parent id>-<2 hex flags>}, lower case, neither id all zeros. Anything else is ignored, never
 * echoed. While a request is handled its trace id is in the logging context ({@value
 * #MDC_TRACE_ID}, on every log line of the request) and the header itself ({@value
 * #MDC_TRACEPARENT}), which calls made for the request pass on (the registry exchange, the
 * catalog's GraphQL).
 *
 * @param value the header value, validated
 */
public record TraceParent(String value) {
  /** Logging-context key of the trace id. */
  public static final String MDC_TRACE_ID = "trace_id";

  /** Logging-context key of the whole header, for calls that pass it on. */
  public static final String MDC_TRACEPARENT = "traceparent";

  /** The HTTP header (and {@code _meta} key) name. */
  public static final String HEADER = "traceparent";

  private static final int LENGTH = 55;

  /** Validates the value. */
  public TraceParent {
    if (!wellFormed(value)) {
      throw new IllegalArgumentException("not a version-00 traceparent");
    }
  }

  /** The value when it is a well-formed version-00 traceparent. */
  public static Optional<TraceParent> parse(String value) {
    return wellFormed(value) ? Optional.of(new TraceParent(value)) : Optional.empty();
  }

  /** The 32-hex-digit trace id. */
  public String traceId() {
    return value.substring(3, 35);
  }

  /** Puts this trace into the logging context of the current thread. */
  public void enterLoggingContext() {
    MDC.put(MDC_TRACE_ID, traceId());
    MDC.put(MDC_TRACEPARENT, value);
  }

  /** Removes any trace from the logging context of the current thread. */
  public static void leaveLoggingContext() {
    MDC.remove(MDC_TRACE_ID);
    MDC.remove(MDC_TRACEPARENT);
  }

  /** The trace of the current thread's logging context, if any (for calls that pass it on). */
  public static Optional<TraceParent> current() {
    return parse(MDC.get(MDC_TRACEPARENT));
  }

  /**
   * {@code task}, run with the current thread's trace (if any) in the logging context of whichever
   * thread runs it; that thread's own context is restored afterwards.
   */
  public static Runnable carrying(Runnable task) {
    String traceparent = MDC.get(MDC_TRACEPARENT);
    if (parse(traceparent).isEmpty()) {
      return task;
    }
    return () -> {
      String ownId = MDC.get(MDC_TRACE_ID);
      String own = MDC.get(MDC_TRACEPARENT);
      new TraceParent(traceparent).enterLoggingContext();
      try {
        task.run();
      } finally {
        restore(MDC_TRACE_ID, ownId);
        restore(MDC_TRACEPARENT, own);
      }
    };
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  private static boolean wellFormed(String v) {
    if (v == null || v.length() != LENGTH || !v.startsWith("00-")) {
      return false;
    }
    if (v.charAt(35) != '-' || v.charAt(52) != '-') {
      return false;
    }
    return hex(v, 3, 35)
        && hex(v, 36, 52)
        && hex(v, 53, 55)
        && !zeros(v, 3, 35)
        && !zeros(v, 36, 52);
  }

  private static boolean hex(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
