package com.quiltdata.mcp.tools;

import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter sends back for one transport message. Immutable.
 *
 * <ul>
 *   <li>{@link #httpStatus()}: 200 for results and legacy protocol errors, 202 when there is no
 *       body (notifications, client responses, cancelled requests), 400 for invalid requests/header
 *       mismatch/unsupported version/batches where not allowed, 401 for {@code tools/call} without
 *       a principal, 403 for a denied {@code tools/call}, 404 for an unknown method in a MODERN
 *       request, 413 for an oversized body.
 *   <li>{@link #body()}: one line of JSON (no line breaks) or empty for 202.
 *   <li>{@link #challenge()}: the {@code WWW-Authenticate} the adapter must add for 401/403.
 *   <li>{@link #newSessionVersion()}: present after a successful legacy {@code initialize}; the
 *       adapter creates a session with that protocol version and sets {@code Mcp-Session-Id}.
 * </ul>
 */
public final class EngineResponse {
  /** The authentication challenge the adapter must express in HTTP. */
  public enum Challenge {
    /** None. */
    NONE,
    /** 401: {@code WWW-Authenticate: Bearer resource_metadata="..."} (no error code). */
    AUTHENTICATION_REQUIRED,
    /** 403: {@code WWW-Authenticate: Bearer error="insufficient_scope", ...}. */
    INSUFFICIENT_SCOPE
  }

  private final int httpStatus;
  private final String body;
  private final Era era;
  private final Challenge challenge;
  private final String challengeDescription;
  private final String newSessionVersion;
  private final Integer errorCode;

  private EngineResponse(
      int httpStatus,
      String body,
      Era era,
      Challenge challenge,
      String challengeDescription,
      String newSessionVersion,
      Integer errorCode) {
    this.httpStatus = httpStatus;
    this.body = body;
    this.era = Objects.requireNonNull(era, "era");
    this.challenge = Objects.requireNonNull(challenge, "challenge");
    this.challengeDescription = challengeDescription;
    this.newSessionVersion = newSessionVersion;
    this.errorCode = errorCode;
  }

  /**
   * A response with a JSON body.
   *
   * @param httpStatus the status to send
   * @param json one line of JSON
   * @param era the message's era
   * @param errorCode the JSON-RPC error code when the body is a single error response, else null
   */
  public static EngineResponse json(int httpStatus, String json, Era era, Integer errorCode) {
    Objects.requireNonNull(json, "json");
    return new EngineResponse(httpStatus, json, era, Challenge.NONE, null, null, errorCode);
  }

  /** HTTP 202 without a body (notifications, client responses, cancelled requests). */
  public static EngineResponse accepted(Era era) {
    return new EngineResponse(202, null, era, Challenge.NONE, null, null, null);
  }

  /**
   * A copy carrying an authentication challenge.
   *
   * @param description a fixed, secret-free {@code error_description}
   */
  public EngineResponse withChallenge(Challenge challenge, String description) {
    return new EngineResponse(
        httpStatus, body, era, challenge, description, newSessionVersion, errorCode);
  }

  /** A copy telling the adapter to create a session for the negotiated {@code version}. */
  public EngineResponse withNewSession(String version) {
    Objects.requireNonNull(version, "version");
    return new EngineResponse(
        httpStatus, body, era, challenge, challengeDescription, version, errorCode);
  }

  /** The HTTP status to send. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The JSON body (one line), empty for 202. */
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
    return "EngineResponse[status="
        + httpStatus
        + ", era="
        + era
        + ", challenge="
        + challenge
        + (errorCode == null ? "" : ", error=" + errorCode)
        + (newSessionVersion == null ? "" : ", newSession=" + newSessionVersion)
        + "]";
  }
}
