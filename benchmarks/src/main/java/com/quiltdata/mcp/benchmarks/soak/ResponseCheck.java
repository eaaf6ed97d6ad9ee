package com.quiltdata.mcp.benchmarks.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts one answer of the server into good, a clean retryable error, or a bad answer, with a short
 * detail (the reason code, or what was wrong). Clean and retryable is: a tool result with {@code
 * isError} whose {@code structuredContent} says {@code retryable: true}; a JSON-RPC error whose
 * {@code data.reason} is one of {@link #RETRYABLE_RPC_REASONS} or whose HTTP status is 503; an HTTP
 * 503 or 429 with a JSON body. Everything else that is not a success is bad: a 5xx without a JSON
 * body, a non-retryable error, no answer within the client's timeout, a broken connection.
 */
final class ResponseCheck {
  /** What an answer was. */
  enum Outcome {
    OK,
    RETRYABLE,
    BAD
  }

  /** One verdict. */
  record Verdict(Outcome outcome, String detail, JsonNode json) {}

  /** JSON-RPC error reasons the server documents as retryable (all answered with 503 or 429). */
  static final Set<String> RETRYABLE_RPC_REASONS =
      Set.of(
          "session_store_unavailable",
          "session_limit_reached",
          "too_many_sessions",
          "authentication_unavailable");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseCheck() {}

  /** Sorts an HTTP answer; {@code what} names the operation for the detail of a success. */
  static Verdict of(HttpResponse<String> r, String what) {
    int status = r.statusCode();
    JsonNode json = parse(r);
    if (json == null) {
      if (status >= 200 && status < 300) {
        // a notification or a DELETE is answered without a body; a request never is
        boolean bodiless = what.endsWith("initialized") || what.endsWith("delete");
        return bodiless
            ? new Verdict(Outcome.OK, what, null)
            : new Verdict(Outcome.BAD, status + " without a JSON body", null);
      }
      return new Verdict(
          Outcome.BAD,
          status >= 500 ? status + " without a JSON body" : status + " (no JSON)",
          null);
    }
    JsonNode error = json.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      String reason = error.path("data").path("reason").asText("");
      String code = "rpc " + error.path("code").asInt() + (reason.isEmpty() ? "" : " " + reason);
      boolean retryable =
          RETRYABLE_RPC_REASONS.contains(reason.toLowerCase(Locale.ROOT))
              || error.path("data").path("retryable").asBoolean(false)
              || status == 503
              || status == 429;
      return new Verdict(retryable ? Outcome.RETRYABLE : Outcome.BAD, status + " " + code, json);
    }
    if (status == 503 || status == 429) {
      return new Verdict(Outcome.RETRYABLE, status + " with a JSON body", json);
    }
    if (status != 200) {
      return new Verdict(Outcome.BAD, status + " with a JSON body, no JSON-RPC error", json);
    }
    JsonNode result = json.path("result");
    if (result.isMissingNode()) {
      return new Verdict(Outcome.BAD, "200 without result or error", json);
    }
    if (result.path("isError").asBoolean(false)) {
      JsonNode sc = result.path("structuredContent");
      String reason = sc.path("reason").asText("?");
      return sc.path("retryable").asBoolean(false)
          ? new Verdict(Outcome.RETRYABLE, "tool " + reason, json)
          : new Verdict(Outcome.BAD, "tool " + reason + " (not retryable)", json);
    }
    return new Verdict(Outcome.OK, what, json);
  }

  /** A request that got no answer (timeout, refused, reset). */
  static Verdict failure(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && !(c instanceof IOException)) {
      c = c.getCause();
    }
    return new Verdict(Outcome.BAD, "no answer: " + c.getClass().getSimpleName(), null);
  }

  /**
   * The JSON-RPC message of a JSON or a server-sent-events body (the last {@code data:} line that
   * is a response), or null when the body holds no JSON object.
   */
  static JsonNode parse(HttpResponse<String> r) {
    String body = r.body();
    if (body == null || body.isBlank()) {
      return null;
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    try {
      if (type.startsWith("text/event-stream")) {
        JsonNode last = null;
        for (String line : body.split("\n")) {
          if (line.startsWith("data:")) {
            JsonNode n = JSON.readTree(line.substring(5).trim());
            if (n != null && (n.has("result") || n.has("error"))) {
              last = n;
            }
          }
        }
        return last;
      }
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }
}
