package com.quiltdata.mcp.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Running tool calls that a {@code notifications/cancelled} may flag, keyed by (scope, request id).
 * Bounded: when full, new calls run but cannot be cancelled.
 */
final class InFlightCalls {
  /** A registered call; close it when the call ends. */
  static final class Registration implements AutoCloseable {
    private final InFlightCalls owner;
    private final String key;
    private final AtomicBoolean cancelled;

    private Registration(InFlightCalls owner, String key, AtomicBoolean cancelled) {
      this.owner = owner;
      this.key = key;
      this.cancelled = cancelled;
    }

    boolean isCancelled() {
      return cancelled.get();
    }

    @Override
    public void close() {
      if (key != null) {
        owner.calls.remove(key, cancelled);
      }
    }
  }

  private final ConcurrentHashMap<String, AtomicBoolean> calls = new ConcurrentHashMap<>();
  private final int capacity;

  InFlightCalls(int capacity) {
    this.capacity = capacity;
  }

  Registration register(String scope, JsonNode id) {
    AtomicBoolean flag = new AtomicBoolean();
    if (scope == null || id == null || calls.size() >= capacity) {
      return new Registration(this, null, flag);
    }
    String key = key(scope, id);
    if (calls.putIfAbsent(key, flag) != null) {
      // a duplicate id in the same scope: not cancellable, never confused with the other call
      return new Registration(this, null, flag);
    }
    return new Registration(this, key, flag);
  }

  /** Flags the call; returns whether one was found. */
  boolean cancel(String scope, JsonNode id) {
    if (scope == null || id == null) {
      return false;
    }
    AtomicBoolean flag = calls.get(key(scope, id));
    if (flag == null) {
      return false;
    }
    flag.set(true);
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
