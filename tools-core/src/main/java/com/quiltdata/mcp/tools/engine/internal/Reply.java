package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.quiltdata.mcp.tools.engine.EngineResponse.Challenge;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;

/**
 * The engine's internal answer to one JSON-RPC message, before serialisation.
 *
 * @param body the response object (an array for batches), or null for "no body" (202)
 * @param outcome what kind of answer it is (transports choose their status from it)
 * @param challenge authentication challenge
 * @param challengeDescription fixed text for the challenge, or null
 * @param sessionVersion negotiated version when a session must be created, or null
 * @param errorCode the JSON-RPC error code when the body is an error, or null
 * @param logLevel the level a legacy client chose with {@code logging/setLevel}, or null
 * @param toolError whether the body is a tool result with {@code isError: true}
 */
record Reply(
    JsonNode body,
    Outcome outcome,
    Challenge challenge,
    String challengeDescription,
    String sessionVersion,
    Integer errorCode,
    String logLevel,
    boolean toolError) {

  /** No body. */
  static Reply none() {
    return new Reply(null, Outcome.NO_ANSWER, Challenge.NONE, null, null, null, null, false);
  }

  /** A success response. */
  static Reply result(JsonNode id, ObjectNode result) {
    ObjectNode body = envelope(id);
    body.set("result", result);
    return new Reply(body, Outcome.ANSWER, Challenge.NONE, null, null, null, null, false);
  }

  /** A success response whose result is JSON already serialised (and bounded). */
  static Reply result(JsonNode id, String resultJson) {
    ObjectNode body = envelope(id);
    body.putRawValue("result", new RawValue(resultJson));
    return new Reply(body, Outcome.ANSWER, Challenge.NONE, null, null, null, null, false);
  }

  /** A tool result, serialised already; {@code isError} as the tool said. */
  static Reply toolResult(JsonNode id, String resultJson, boolean isError) {
    Reply r = result(id, resultJson);
    return new Reply(r.body, r.outcome, r.challenge, null, null, null, null, isError);
  }

  /** An error response. */
  static Reply error(JsonNode id, Outcome outcome, int code, String message, JsonNode data) {
    ObjectNode body = envelope(id);
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    return new Reply(body, outcome, Challenge.NONE, null, null, code, null, false);
  }

  /** An error response without data. */
  static Reply error(JsonNode id, Outcome outcome, int code, String message) {
    return error(id, outcome, code, message, null);
  }

  Reply withChallenge(Challenge c, String description) {
    return new Reply(body, outcome, c, description, sessionVersion, errorCode, logLevel, toolError);
  }

  Reply withSession(String version) {
    return new Reply(
        body, outcome, challenge, challengeDescription, version, errorCode, logLevel, toolError);
  }

  Reply withLogLevel(String level) {
    return new Reply(
        body,
        outcome,
        challenge,
        challengeDescription,
        sessionVersion,
        errorCode,
        level,
        toolError);
  }

  private static ObjectNode envelope(JsonNode id) {
    ObjectNode body = JsonCodec.NODES.objectNode();
    body.put("jsonrpc", "2.0");
    body.set("id", id == null ? NullNode.getInstance() : id);
    return body;
  }
}
