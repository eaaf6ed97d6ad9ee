package com.quiltdata.mcp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * How replicas sharing a {@link SessionStore} tell each other that a running call was cancelled: a
 * replica that receives {@code notifications/cancelled} for a call it is not running publishes the
 * call's {@link #digest digest}, and every replica running a call with that digest cancels it. Only
 * the digest travels, never the scope it is made of (a token digest, a session id) nor the request
 * id. One process with no other replica uses {@link #NONE}.
 *
 * <p>Implementations are thread-safe, never throw from {@link #publish} (a failure is logged, the
 * notification is lost) and never block the caller on the network.
 */
public interface CancellationRelay {
  /** Characters of a {@link #digest}: SHA-256, lower-case hex. */
  int DIGEST_LENGTH = 64;

  /** The relay of a single process: publishes nothing, hears nothing. */
  CancellationRelay NONE =
      new CancellationRelay() {
        @Override
        public boolean active() {
          return false;
        }

        @Override
        public void publish(String digest) {}

        @Override
        public Subscription subscribe(Consumer<String> listener) {
          return () -> {};
        }

        @Override
        public String toString() {
          return "CancellationRelay.NONE";
        }
      };

  /** Whether anything is relayed (callers skip computing digests otherwise). */
  boolean active();

  /**
   * Tells the other replicas (and this one) that the call with this digest is cancelled. Returns at
   * once; never throws.
   *
   * @param digest a {@link #digest} (anything else is ignored)
   */
  void publish(String digest);

  /**
   * Hears every digest published by any replica, including this one, on a thread of the relay's;
   * only well-formed digests are passed on. The listener should return quickly.
   *
   * @return closing it stops the listener
   */
  Subscription subscribe(Consumer<String> listener);

  /** A listener's registration. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * What is published for a call: SHA-256 (lower-case hex) of the call's key, the text the engine
   * already keys its running calls with (cancellation scope and request id), domain-separated.
   */
  static String digest(String callKey) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(("quilt-mcp-cancel\u0000" + callKey).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  /** Whether text has the shape of a {@link #digest} (64 lower-case hex characters). */
  static boolean isDigest(String text) {
    if (text == null || text.length() != DIGEST_LENGTH) {
      return false;
    }
    for (int i = 0; i < DIGEST_LENGTH; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
