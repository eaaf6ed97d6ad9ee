package com.quiltdata.mcp.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one MCP session. Immutable; the store owns the live state.
 *
 * @param id the session id sent as {@code Mcp-Session-Id} (secret-grade random, visible ASCII)
 * @param boundSubject the user the session belongs to, {@code null} while anonymous
 * @param protocolVersion the negotiated MCP protocol version, {@code null} if unknown
 * @param createdAt when the session was created
 * @param lastSeenAt when it was last used
 */
public record Session(
    String id, String boundSubject, String protocolVersion, Instant createdAt, Instant lastSeenAt) {

  /** The bound subject, absent while the session is anonymous. */
  public Optional<String> subject() {
    return Optional.ofNullable(boundSubject);
  }

  @Override
  public String toString() {
    return "Session[id="
        + id.substring(0, Math.min(6, id.length()))
        + "..., bound="
        + (boundSubject != null)
        + "]";
  }
}
