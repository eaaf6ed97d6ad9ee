package com.quiltdata.mcp.tools.diagnostics;

import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.tools.diagnostics.DiagnosticsTools.Environment;
import java.util.Objects;
import java.util.Optional;

/**
 * What the diagnostics tools were built with.
 *
 * @param environment web or desktop
 * @param verifiers the verifier source, {@code null} when the server has no signing secret (desktop
 *     only)
 * @param sessions the session store, {@code null} when the server keeps no sessions
 */
public record DiagnosticsSettings(
    Environment environment, VerifierSource verifiers, SessionStore sessions) {

  /** Validates the environment is given. */
  public DiagnosticsSettings {
    Objects.requireNonNull(environment, "environment");
  }

  /** The verifier in force right now, if the server can check tokens at all. */
  public Optional<JwtVerifier> verifier() {
    return verifiers == null ? Optional.empty() : Optional.ofNullable(verifiers.current());
  }

  /** The session store, if any. */
  public Optional<SessionStore> sessionStore() {
    return Optional.ofNullable(sessions);
  }
}
