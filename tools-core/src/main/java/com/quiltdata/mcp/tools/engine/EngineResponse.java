package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.tools.LogLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter sends back for one transport message. Immutable.
 *
 * <ul>
 *   <li>{@link #outcome()}: what kind of answer this is; an HTTP adapter chooses its status from
 *       it, stdio ignores it.
 *   <li>{@link #body()}: one line of JSON (no line breaks), or empty when nothing is answered.
 *   <li>{@link #challenge()}: the {@code WWW-Authenticate} the adapter must add for 401/403.
 *   <li>{@link #newSessionVersion()}: present after a successful legacy {@code initialize}; the
 *       adapter creates a session with that protocol version and sets {@code Mcp-Session-Id}.
 * </ul>
 */
public final class EngineResponse {
  /** What kind of answer a response is, so a transport can express it (HTTP: its status). */
  public enum Outcome {
    /** A result, or a legacy error answered in band. */
    ANSWER,
    /** Nothing to answer: notifications, client responses, cancelled requests. */
    NO_ANSWER,
    /**
     * The message is refused as a whole: malformed, an invalid request, a batch where none is
     * allowed, routing headers that do not match, an unsupported version, bad {@code _meta}.
     */
    REJECTED,
    /** {@code tools/call} without an authenticated caller. */
    UNAUTHENTICATED,
    /** {@code tools/call} the authorizer denied. */
    FORBIDDEN,
    /** A 2026-07-28 request for a method this server does not have. */
    UNKNOWN_METHOD,
    /** The message is larger than the limit. */
    TOO_LARGE,
    /** An unexpected failure (never with details). */
    FAILED
  }

  /** The authentication challenge the adapter must express in HTTP. */
  public enum Challenge {
    /** None. */
    NONE,
    /** 401: {@code WWW-Authenticate: Bearer resource_metadata="..."} (no error code). */
    AUTHENTICATION_REQUIRED,
    /** 403: {@code WWW-Authenticate: Bearer error="insufficient_scope", ...}. */
    INSUFFICIENT_SCOPE
  }

  private final Outcome outcome;
  private final String body;
  private final Era era;
  private final Challenge challenge;
  private final String challengeDescription;
  private final String newSessionVersion;
  private final Integer errorCode;
  private final String logLevel;
  private final boolean toolError;

  private EngineResponse(
      Outcome outcome,
      String body,
      Era era,
      Challenge challenge,
      String challengeDescription,
      String newSessionVersion,
      Integer errorCode,
      String logLevel,
      boolean toolError) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.body = body;
    this.era = Objects.requireNonNull(era, "era");
    this.challenge = Objects.requireNonNull(challenge, "challenge");
    this.challengeDescription = challengeDescription;
    this.newSessionVersion = newSessionVersion;
    this.errorCode = errorCode;
    this.logLevel = logLevel;
    this.toolError = toolError;
  }

  /**
   * A response with a JSON body.
   *
   * @param outcome what kind of answer it is
   * @param json one line of JSON
   * @param era the message's era
   * @param errorCode the JSON-RPC error code when the body is a single error response, else null
   */
  public static EngineResponse json(Outcome outcome, String json, Era era, Integer errorCode) {
    Objects.requireNonNull(json, "json");
    return new EngineResponse(
        outcome, json, era, Challenge.NONE, null, null, errorCode, null, false);
  }

  /** Nothing to answer (notifications, client responses, cancelled requests). */
  public static EngineResponse accepted(Era era) {
    return new EngineResponse(
        Outcome.NO_ANSWER, null, era, Challenge.NONE, null, null, null, null, false);
  }

  /**
   * A copy carrying an authentication challenge.
   *
   * @param description a fixed, secret-free {@code error_description}
   */
  public EngineResponse withChallenge(Challenge challenge, String description) {
    return new EngineResponse(
        outcome,
        body,
        era,
        challenge,
        description,
        newSessionVersion,
        errorCode,
        logLevel,
        toolError);
  }

  /** A copy telling the adapter to create a session for the negotiated {@code version}. */
  public EngineResponse withNewSession(String version) {
    Objects.requireNonNull(version, "version");
    return new EngineResponse(
        outcome,
        body,
        era,
        challenge,
        challengeDescription,
        version,
        errorCode,
        logLevel,
        toolError);
  }

  /**
   * A copy telling the adapter that the client chose log level {@code level} ({@code
   * logging/setLevel}): it keeps it with the session (HTTP) or the connection (stdio).
   */
  public EngineResponse withLogLevel(LogLevel level) {
    Objects.requireNonNull(level, "level");
    return withLogLevel(level.wireName());
  }

  private EngineResponse withLogLevel(String level) {
    return new EngineResponse(
        outcome,
        body,
        era,
        challenge,
        challengeDescription,
        newSessionVersion,
        errorCode,
        level,
        toolError);
  }

  /**
   * A copy saying the answer is a tool result with {@code isError: true} (for metrics: {@code
   * error.type=tool_error}).
   */
  public EngineResponse withToolError() {
    return new EngineResponse(
        outcome,
        body,
        era,
        challenge,
        challengeDescription,
        newSessionVersion,
        errorCode,
        logLevel,
        true);
  }

  /** Whether the answer is a single tool result with {@code isError: true}. */
  public boolean toolError() {
    return toolError;
  }

  /** The log level the client chose with this message, to keep for its session or connection. */
  public Optional<LogLevel> newLogLevel() {
    return logLevel == null ? Optional.empty() : LogLevel.fromWire(logLevel);
  }

  /** What kind of answer this is. */
  public Outcome outcome() {
    return outcome;
  }

  /** The JSON body (one line), empty when nothing is answered. */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /** Whether there is a body to send. */
  public boolean hasBody() {
    return body != null;
  }

  /** The era of the message this answers. */
  public Era era() {
    return era;
  }

  /** The challenge to express in {@code WWW-Authenticate}. */
  public Challenge challenge() {
    return challenge;
  }

  /** Fixed, secret-free text for {@code error_description}, when there is a challenge. */
  public Optional<String> challengeDescription() {
    return Optional.ofNullable(challengeDescription);
  }

  /** Present after a successful legacy {@code initialize}: the negotiated protocol version. */
  public Optional<String> newSessionVersion() {
    return Optional.ofNullable(newSessionVersion);
  }

  /** Whether the adapter must create a session (see {@link #newSessionVersion()}). */
  public boolean createsSession() {
    return newSessionVersion != null;
  }

  /** The JSON-RPC error code when the body is one error response (for logs and metrics). */
  public Optional<Integer> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  @Override
  public String toString() {
    return "EngineResponse[outcome="
        + outcome
        + ", era="
        + era
        + ", challenge="
        + challenge
        + (errorCode == null ? "" : ", error=" + errorCode)
        + (newSessionVersion == null ? "" : ", newSession=" + newSessionVersion)
        + "]";
  }
}
