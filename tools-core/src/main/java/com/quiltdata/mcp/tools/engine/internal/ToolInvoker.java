package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineResponse.Challenge;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.Era;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tools/call} flow: principal required, tool looked up, arguments validated, the
 * authorizer asked, then (and only then) the handler run; failures become safe tool results.
 */
final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);

  private final ToolCatalog catalog;
  private final Authorizer authorizer;
  private final CredentialsBroker credentials;
  private final Clock clock;
  private final InFlightCalls inFlight;
  private final CallLimiter limiter;
  private final ResultWriter results;
  private final LongSupplier nanoTime;

  ToolInvoker(
      ToolCatalog catalog,
      Authorizer authorizer,
      CredentialsBroker credentials,
      Clock clock,
      InFlightCalls inFlight,
      CallLimiter limiter,
      ResultWriter results,
      LongSupplier nanoTime) {
    this.results = results;
    this.catalog = catalog;
    this.authorizer = authorizer;
    this.credentials = credentials;
    this.clock = clock;
    this.inFlight = inFlight;
    this.limiter = limiter;
    this.nanoTime = nanoTime;
  }

  /** The refusal of a call without principal (shared with batch pre-checks). */
  static Reply unauthenticated(JsonNode id) {
    return Reply.error(
            id,
            Outcome.UNAUTHENTICATED,
            ErrorCodes.AUTHENTICATION_REQUIRED,
            "Authentication required: calling tools needs a valid bearer token")
        .withChallenge(
            Challenge.AUTHENTICATION_REQUIRED, "a bearer token is required to call tools");
  }

  Reply call(ParsedMessage message, CallContext context, String protocolVersion) {
    JsonNode id = message.id();
    Principal principal = context.principal().orElse(null);
    if (principal == null) {
      return unauthenticated(id);
    }
    ObjectNode params = message.params();
    JsonNode nameNode = params == null ? null : params.get("name");
    if (nameNode == null || !nameNode.isTextual()) {
      return Reply.error(
          id,
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: tools/call needs 'name' (a string)");
    }
    Optional<ToolCatalog.Entry> found = catalog.find(nameNode.textValue());
    if (found.isEmpty()) {
      return Reply.error(
          id,
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Unknown tool: call tools/list for the names of the available tools");
    }
    ToolCatalog.Entry entry = found.get();
    JsonNode argsNode = params.get("arguments");
    if (argsNode != null && !argsNode.isObject() && !argsNode.isNull()) {
      return Reply.error(
          id,
          Outcome.ANSWER,
          ErrorCodes.INVALID_PARAMS,
          "Invalid params: 'arguments' must be a JSON object");
    }
    ObjectNode arguments =
        argsNode instanceof ObjectNode o ? o.deepCopy() : JsonCodec.NODES.objectNode();
    Optional<String> invalid = entry.validator().validate(arguments);
    if (invalid.isPresent()) {
      return Reply.toolResult(
          id,
          results.write(ToolFailure.invalidArgument(invalid.get()).toResult(), protocolVersion),
          true);
    }
    AuthorizationDecision decision;
    try {
      decision =
          authorizer.check(principal, entry.definition().name(), new JsonArguments(arguments));
    } catch (RuntimeException e) {
      LOG.warn("authorizer failed for tool {}; call refused", entry.definition().name(), e);
      return Reply.error(id, Outcome.FAILED, ErrorCodes.INTERNAL_ERROR, "Internal error");
    }
    if (decision == null || !decision.allowed()) {
      return denied(id, decision);
    }
    return run(message, entry, arguments, principal, context, protocolVersion);
  }

  private Reply run(
      ParsedMessage message,
      ToolCatalog.Entry entry,
      ObjectNode arguments,
      Principal principal,
      CallContext context,
      String protocolVersion) {
    JsonNode id = message.id();
    String scope = context.cancellationScope().orElse(null);
    String tool = entry.definition().name();
    ToolResult result;
    try (CallLimiter.Permit permit = limiter.tryAdmit(scope)) {
      if (permit == null) {
        LOG.info("tool {} refused: too many calls running (scope or server)", tool);
        return Reply.toolResult(id, results.write(busy(), protocolVersion), true);
      }
      try (InFlightCalls.Registration reg =
              inFlight.register(scope, id, context.cancellation().orElse(null));
          CallNotifier notifier =
              new CallNotifier(
                  context.notifications(),
                  progressToken(message),
                  logThreshold(message, context),
                  tool,
                  principal.token().map(t -> t.reveal()).orElse(null),
                  nanoTime)) {
        CallToolContext toolContext =
            new CallToolContext(
                principal,
                context.session().orElse(null),
                protocolVersion,
                credentials,
                clock,
                reg.cancellation(),
                notifier);
        if (notifier.progressRequested()) {
          context.notifications().progressRequested();
        }
        result = invoke(entry, arguments, toolContext);
        if (reg.cancellation().isCancelled()) {
          return Reply.none();
        }
      }
    }
    return Reply.toolResult(id, results.write(result, protocolVersion), result.isError());
  }

  private static ToolResult busy() {
    return new ToolFailure(
            CommonReason.BUSY,
            "Too many tool calls are running for this session or on this server. Wait for one to"
                + " finish, then retry")
        .toResult();
  }

  /** The client's {@code _meta.progressToken} (a string or an integer), else null. */
  private static JsonNode progressToken(ParsedMessage message) {
    ObjectNode params = message.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    JsonNode token = meta == null ? null : meta.get("progressToken");
    return token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
  }

  /**
   * The level at and above which log messages are sent: a 2026-07-28 request's own {@code _meta}
   * level (none: no messages, as that revision demands); a legacy session's chosen level, else
   * {@code info}.
   */
  private static LogLevel logThreshold(ParsedMessage message, CallContext context) {
    if (message.era() == Era.MODERN) {
      return ModernMethods.requestedLogLevel(message).orElse(null);
    }
    return context.logLevel().orElse(LogLevel.INFO);
  }

  private static ToolResult invoke(
      ToolCatalog.Entry entry, ObjectNode arguments, CallToolContext context) {
    String tool = entry.definition().name();
    try {
      ToolResult result = entry.tool().call(arguments, context);
      if (result == null) {
        LOG.warn("tool {} returned no result", tool);
        return internal(tool, "produced no result");
      }
      if (!result.isError()
          && entry.definition().outputSchema().isPresent()
          && !result.hasStructuredContent()) {
        LOG.warn("tool {} declares an output schema but returned no structured content", tool);
        return internal(tool, "returned a result without its structured content");
      }
      return result;
    } catch (ToolFailure f) {
      LOG.info(
          "tool {} failed: reason={} subject#{}",
          tool,
          f.reason().name(),
          context.principal().subjectFingerprint());
      return f.toResult();
    } catch (AuthException e) {
      LOG.info("tool {} could not obtain credentials: {}", tool, e.reason());
      return ToolFailure.credentials(e).toResult();
    } catch (Exception e) {
      String reference = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
      LOG.warn("tool {} failed unexpectedly (reference {})", tool, reference, e);
      return new ToolFailure(
              CommonReason.INTERNAL_ERROR,
              "The tool "
                  + tool
                  + " failed unexpectedly (reference "
                  + reference
                  + "). If it persists, report the reference to the operator.")
          .toResult();
    }
  }

  private static ToolResult internal(String tool, String what) {
    return new ToolFailure(
            CommonReason.INTERNAL_ERROR, "The tool " + tool + " " + what + "; please report this.")
        .toResult();
  }

  private static Reply denied(JsonNode id, AuthorizationDecision decision) {
    String message;
    ObjectNode data = JsonCodec.NODES.objectNode();
    String description;
    if (decision == null) {
      message = "Forbidden: the authorizer gave no verdict";
      description = "the call is not permitted";
      data.put("reason", "NO_DECISION");
    } else {
      message = "Forbidden: " + decision.message();
      AuthorizationDecision.Denial denial = decision.denial();
      data.put("reason", denial == null ? "DENIED" : denial.name());
      ArrayNode missing = data.putArray("missingActions");
      decision.missingActions().forEach(missing::add);
      description = describe(denial);
    }
    return Reply.error(id, Outcome.FORBIDDEN, ErrorCodes.FORBIDDEN, message, data)
        .withChallenge(Challenge.INSUFFICIENT_SCOPE, description);
  }

  private static String describe(AuthorizationDecision.Denial denial) {
    if (denial == null) {
      return "the call is not permitted";
    }
    switch (denial) {
      case MISSING_ACTIONS:
        return "the token does not grant the actions this tool needs";
      case BUCKET_NOT_GRANTED:
        return "the token does not grant access to the requested bucket";
      case WRITE_NOT_ALLOWED:
        return "this server is read-only";
      default:
        return "this tool is not permitted";
    }
  }
}
