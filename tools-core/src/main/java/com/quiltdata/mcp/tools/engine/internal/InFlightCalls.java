package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.engine.Cancellation;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running tool calls that a {@code notifications/cancelled} may cancel, keyed by (scope, request
 * id). Bounded: when full, new calls run but cannot be cancelled by notification.
 */
final class InFlightCalls {
  /** A registered call; close it when the call ends. */
  static final class Registration implements AutoCloseable {
    private final InFlightCalls owner;
    private final String key;
    private final Cancellation cancellation;

    private Registration(InFlightCalls owner, String key, Cancellation cancellation) {
      this.owner = owner;
      this.key = key;
      this.cancellation = cancellation;
    }

    Cancellation cancellation() {
      return cancellation;
    }

    @Override
    public void close() {
      if (key != null) {
        owner.calls.remove(key, cancellation);
      }
    }
  }

  private final ConcurrentHashMap<String, Cancellation> calls = new ConcurrentHashMap<>();
  private final int capacity;

  InFlightCalls(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Registers a call under its scope and id.
   *
   * @param cancellation the transport's cancellation of this request, or {@code null} for a new
   */
  Registration register(String scope, JsonNode id, Cancellation cancellation) {
    Cancellation c = cancellation != null ? cancellation : new Cancellation();
    if (scope == null || id == null || calls.size() >= capacity) {
      return new Registration(this, null, c);
    }
    String key = key(scope, id);
    if (calls.putIfAbsent(key, c) != null) {
      // a duplicate id in the same scope: not cancellable, never confused with the other call
      return new Registration(this, null, c);
    }
    return new Registration(this, key, c);
  }

  /** Cancels the call; returns whether one was found. */
  boolean cancel(String scope, JsonNode id) {
    if (scope == null || id == null) {
      return false;
    }
    Cancellation c = calls.get(key(scope, id));
    if (c == null) {
      return false;
    }
    c.cancel();
    return true;
  }

  /** Applies a {@code notifications/cancelled} message (unknown ids are ignored). */
  void cancelFrom(ParsedMessage m, String scope) {
    ObjectNode params = m.params();
    JsonNode requestId = params == null ? null : params.get("requestId");
    if (requestId != null && (requestId.isTextual() || requestId.isIntegralNumber())) {
      cancel(scope, requestId);
    }
  }

  int size() {
    return calls.size();
  }

  private static String key(String scope, JsonNode id) {
    return scope + '\u0000' + (id.isTextual() ? "s:" + id.textValue() : "n:" + id.asText());
  }
}
