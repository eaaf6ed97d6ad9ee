package com.quiltdata.mcp.tools.diagnostics;

import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.auth.VerifierSource;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.diagnostics.internal.AuthStatusTool;
import com.quiltdata.mcp.tools.diagnostics.internal.JwtDiagnosticsTool;
import com.quiltdata.mcp.tools.diagnostics.internal.SessionDiagnosticsTool;
import com.quiltdata.mcp.tools.diagnostics.internal.ValidateTokenTool;
import java.util.List;
import java.util.Objects;

/**
 * The diagnostics tools, safe to offer to every authenticated caller:
 *
 * <ul>
 *   <li>{@code auth_status}: who the caller is, what the token grants and when it expires;
 *   <li>{@code jwt_diagnostics}: the caller's authentication state, what the token grants, the
 *       server's key (source, id, fingerprint: never the key), the caller's cached credentials
 *       (times only) and recommendations;
 *   <li>{@code validate_jwt_token}: a verdict with reason code and fix hint for a given token (or
 *       the caller's own), with its header and claims shown as untrusted, bounded data; the token
 *       is named by fingerprint, never echoed or logged; nothing beyond what the token itself
 *       contains is reported (no credential, session or cache state of other tokens);
 *   <li>{@code session_diagnostics}: the caller's own session and aggregate session counts only.
 * </ul>
 *
 * <p>All four need no actions and check no bucket ({@link #requirements()}). Register them with
 * {@code McpEngine.Builder#addTools(List)}:
 *
 * <pre>{@code
 * engine.addTools(DiagnosticsTools.builder(DiagnosticsTools.Environment.WEB)
 *     .verifierSource(verifiers)
 *     .sessionStore(sessions)
 *     .build());
 * }</pre>
 */
public final class DiagnosticsTools {
  /** Name of the caller's own status tool. */
  public static final String AUTH_STATUS = "auth_status";

  /** Name of the authentication-state tool. */
  public static final String JWT_DIAGNOSTICS = "jwt_diagnostics";

  /** Name of the token validation tool. */
  public static final String VALIDATE_JWT_TOKEN = "validate_jwt_token";

  /** Name of the session tool. */
  public static final String SESSION_DIAGNOSTICS = "session_diagnostics";

  /** Where the server runs; shown by the tools and used in their advice. */
  public enum Environment {
    /** The HTTP server: every caller brings a bearer token; AWS credentials from the registry. */
    WEB,
    /** The stdio server: one local user, with or without a token from the environment. */
    DESKTOP
  }

  /** The family's authorization table: every tool is open to any authenticated caller. */
  private static final List<ToolRequirements> REQUIREMENTS =
      List.of(
          ToolRequirements.open(AUTH_STATUS),
          ToolRequirements.open(JWT_DIAGNOSTICS),
          ToolRequirements.open(VALIDATE_JWT_TOKEN),
          ToolRequirements.open(SESSION_DIAGNOSTICS));

  private DiagnosticsTools() {}

  /** What each tool needs from the caller's token: nothing beyond authentication. */
  public static List<ToolRequirements> requirements() {
    return REQUIREMENTS;
  }

  /** Starts the tools for an environment. */
  public static Builder builder(Environment environment) {
    return new Builder(environment);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Environment environment;
    private VerifierSource verifiers;
    private SessionStore sessions;

    private Builder(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Sets the verifier source whose current verifier checks tokens and whose {@code keyInfo()} is
     * shown. Required in {@link Environment#WEB}; without one (desktop without a secret) tokens are
     * decoded but not checked.
     */
    public Builder verifierSource(VerifierSource verifiers) {
      this.verifiers = Objects.requireNonNull(verifiers, "verifierSource");
      return this;
    }

    /** Sets the session store whose aggregate counts are shown (none: counts not available). */
    public Builder sessionStore(SessionStore sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessionStore");
      return this;
    }

    /**
     * Builds the four tools.
     *
     * @throws IllegalStateException in web mode without a verifier source
     */
    public List<Tool> build() {
      if (environment == Environment.WEB && verifiers == null) {
        throw new IllegalStateException(
            "verifierSource is required for the diagnostics tools in web mode");
      }
      DiagnosticsSettings settings = new DiagnosticsSettings(environment, verifiers, sessions);
      return List.of(
          AuthStatusTool.create(),
          JwtDiagnosticsTool.create(settings),
          ValidateTokenTool.create(settings),
          SessionDiagnosticsTool.create(settings));
    }
  }
}
