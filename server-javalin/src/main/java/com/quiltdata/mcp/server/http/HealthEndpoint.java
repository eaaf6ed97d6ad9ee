package com.quiltdata.mcp.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.SigningKey;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health} and {@code /healthz}, without authentication: status, version and uptime; 503
 * when the key ring cannot verify (the verifier source throws or describes no usable key). Shows
 * nothing about the key itself: a fingerprint is an offline guessing oracle for weak secrets.
 */
final class HealthEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

  private final VerifierSource verifiers;
  private final SessionStore sessions;
  private final String version;
  private final Clock clock;
  private final Instant startedAt;

  HealthEndpoint(VerifierSource verifiers, SessionStore sessions, String version, Clock clock) {
    this.verifiers = verifiers;
    this.sessions = sessions;
    this.version = version;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** Answers a health probe. */
  void handle(Context ctx) {
    boolean ok = keyRingUsable();
    ObjectNode doc = JsonResponses.JSON.createObjectNode();
    doc.put("status", ok ? "ok" : "unavailable");
    doc.put("version", version);
    doc.put("uptimeSeconds", Math.max(0, Duration.between(startedAt, clock.instant()).toSeconds()));
    // informational: a session store outage affects legacy sessions only, so it is not a 503
    doc.put("sessionStore", sessions.describeState());
    if (!ok) {
      doc.put("reason", "the token signing key cannot be used; see the server log");
    }
    JsonResponses.send(ctx, ok ? 200 : 503, JsonResponses.write(doc));
  }

  private boolean keyRingUsable() {
    try {
      JwtVerifier verifier = verifiers.current();
      VerifierSource.KeyInfo info = verifiers.keyInfo();
      return verifier != null
          && info != null
          && info.length() >= SigningKey.MIN_SECRET_BYTES
          && info.fingerprint() != null
          && !info.fingerprint().isBlank();
    } catch (RuntimeException e) {
      LOG.warn("health check: the verifier source failed: {}", e.getClass().getName());
      return false;
    }
  }
}
