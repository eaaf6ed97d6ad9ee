package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.tools.engine.Cancellation;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running tool calls that a {@code notifications/cancelled} may cancel, keyed by (scope, request
 * id). Bounded: when full, new calls run but cannot be cancelled by notification.
 *
 * <p>With an active {@link CancellationRelay} (replicas sharing a store), each registered call is
 * also known by the relay digest of its key; a cancellation for a call not running here is
 * published as that digest, and a digest heard from the relay cancels the call running here under
 * it. Only the digest leaves the process.
 */
final class InFlightCalls {
  /** A registered call; close it when the call ends. */
  static final class Registration implements AutoCloseable {
    private final InFlightCalls owner;
    private final String key;
    private final String digest;
    private final Cancellation cancellation;

    private Registration(InFlightCalls owner, String key, String digest, Cancellation c) {
      this.owner = owner;
      this.key = key;
      this.digest = digest;
      this.cancellation = c;
    }

    Cancellation cancellation() {
      return cancellation;
    }

    @Override
    public void close() {
      if (key != null) {
        owner.calls.remove(key, cancellation);
      }
      if (digest != null) {
        owner.byDigest.remove(digest, cancellation);
      }
    }
  }

  private final ConcurrentHashMap<String, Cancellation> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Cancellation> byDigest = new ConcurrentHashMap<>();
  private final int capacity;
  private final CancellationRelay relay;

  /** Calls of this engine; with an active relay, also those that other replicas cancel. */
  InFlightCalls(int capacity, CancellationRelay relay) {
    this.capacity = capacity;
    this.relay = relay;
    if (relay.active()) {
      relay.subscribe(this::cancelDigest);
    }
  }

  /**
   * Registers a call under its scope and id.
   *
   * @param cancellation the transport's cancellation of this request, or {@code null} for a new
   */
  Registration register(String scope, JsonNode id, Cancellation cancellation) {
    Cancellation c = cancellation != null ? cancellation : new Cancellation();
    if (scope == null || id == null || calls.size() >= capacity) {
      return new Registration(this, null, null, c);
    }
    String key = key(scope, id);
    if (calls.putIfAbsent(key, c) != null) {
      // a duplicate id in the same scope: not cancellable, never confused with the other call
      return new Registration(this, null, null, c);
    }
    String digest = null;
    if (relay.active()) {
      digest = CancellationRelay.digest(key);
      byDigest.put(digest, c);
    }
    return new Registration(this, key, digest, c);
  }

  /**
   * Cancels the call; returns whether one was found here. One not found here is published to the
   * other replicas when a relay is active.
   */
  boolean cancel(String scope, JsonNode id) {
    if (scope == null || id == null) {
      return false;
    }
    String key = key(scope, id);
    Cancellation c = calls.get(key);
    if (c == null) {
      if (relay.active()) {
        relay.publish(CancellationRelay.digest(key));
      }
      return false;
    }
    c.cancel();
    return true;
  }

  /** Cancels the call running here under this relay digest, if any. */
  void cancelDigest(String digest) {
    Cancellation c = digest == null ? null : byDigest.get(digest);
    if (c != null) {
      c.cancel();
    }
  }

  /**
   * Applies a {@code notifications/cancelled} message (ids unknown here are ignored, or relayed).
   */
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
