package com.quiltdata.mcp.tools.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.tools.LogLevel;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.CallContext;
import com.quiltdata.mcp.tools.engine.EngineLimits;
import com.quiltdata.mcp.tools.engine.EngineResponse;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import com.quiltdata.mcp.tools.engine.Era;
import com.quiltdata.mcp.tools.engine.ErrorCodes;
import com.quiltdata.mcp.tools.engine.InboundMessage;
import com.quiltdata.mcp.tools.engine.InboundMessage.Kind;
import com.quiltdata.mcp.tools.engine.McpEngine;
import com.quiltdata.mcp.tools.engine.ProtocolVersions;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine: routes parsed messages by kind and era, and serialises replies. */
public final class ProtocolEngine implements McpEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolEngine.class);
  private static final int MAX_IN_FLIGHT = 10_000;

  private final EngineSettings settings;
  private final MessageParser parser;
  private final ToolCatalog catalog;
  private final InFlightCalls inFlight;
  private final AnswerMemory memory;
  private final LegacyMethods legacy;
  private final ModernMethods modern;

  /**
   * Creates the engine.
   *
   * @throws IllegalStateException when tools are misconfigured (duplicate names, bad schemas)
   */
  public ProtocolEngine(EngineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(settings.authorizer(), "authorizer");
    this.parser = new MessageParser(settings.limits(), this);
    this.catalog = new ToolCatalog(settings.allToolInstances(), settings.limits().pageSize());
    this.inFlight = new InFlightCalls(MAX_IN_FLIGHT, settings.cancellationRelay());
    long heap = Runtime.getRuntime().maxMemory();
    this.memory = new AnswerMemory(settings.resultLimits().effectiveAnswerMemory(heap));
    LOG.debug(
        "answers being written at once may hold {} MiB of the {} MiB heap",
        settings.resultLimits().effectiveAnswerMemory(heap) >> 20,
        heap >> 20);
    ToolInvoker invoker =
        new ToolInvoker(
            catalog,
            settings.authorizer(),
            settings.credentialsBroker() == null
                ? RefusingCredentialsBroker.INSTANCE
                : settings.credentialsBroker(),
            settings.clock(),
            inFlight,
            new CallLimiter(settings.callLimits()),
            new ResultWriter(settings.resultLimits(), memory),
            settings.nanoTime());
    this.legacy = new LegacyMethods(settings, catalog, invoker, inFlight);
    this.modern = new ModernMethods(settings, catalog, invoker, inFlight);
  }

  @Override
  public InboundMessage parse(byte[] body) {
    try {
      return parser.parse(body);
    } catch (RuntimeException e) {
      LOG.warn("unexpected failure while parsing a message", e);
      return ParsedMessage.invalid(internalError(null), body == null ? 0 : body.length, this);
    }
  }

  @Override
  public EngineResponse handle(InboundMessage message, CallContext context) {
    Objects.requireNonNull(context, "context");
    if (!(message instanceof ParsedMessage parsed) || !parsed.ownedBy(this)) {
      throw new IllegalArgumentException("message must come from this engine's parse()");
    }
    try (AnswerMemory.Lease lease = memory.open()) {
      Reply reply;
      try {
        reply = route(parsed, context);
      } catch (RuntimeException e) {
        LOG.warn("unexpected failure while handling a {} message", parsed.kind(), e);
        reply = internalError(parsed.id());
      }
      return toResponse(reply, parsed.era(), lease);
    }
  }

  @Override
  public List<ToolDefinition> tools() {
    return catalog.definitions();
  }

  @Override
  public EngineLimits limits() {
    return settings.limits();
  }

  private Reply route(ParsedMessage m, CallContext context) {
    switch (m.kind()) {
      case INVALID:
        return m.invalidReply();
      case BATCH:
        return batch(m, context);
      default:
        return single(m, context);
    }
  }

  private Reply single(ParsedMessage m, CallContext context) {
    if (m.kind() == Kind.RESPONSE) {
      return Reply.none();
    }
    return m.era() == Era.MODERN ? modern.handle(m, context) : legacy.handle(m, context);
  }

  private Reply batch(ParsedMessage m, CallContext context) {
    String version = context.negotiatedVersion().orElse(null);
    if (!ProtocolVersions.V2025_03_26.equals(version)) {
      return Reply.error(
          null,
          Outcome.REJECTED,
          ErrorCodes.INVALID_REQUEST,
          "Invalid request: JSON-RPC batches are only supported for sessions negotiated at"
              + " protocol version 2025-03-26; send one message per request");
    }
    if (context.principal().isEmpty()) {
      for (ParsedMessage e : m.elements()) {
        if (e.kind() == Kind.REQUEST && ParsedMessage.TOOLS_CALL.equals(e.method().orElse(null))) {
          return ToolInvoker.unauthenticated(null);
        }
      }
    }
    ArrayNode answers = JsonCodec.NODES.arrayNode();
    for (ParsedMessage e : m.elements()) {
      Reply r = batchElement(e, context);
      if (r.body() != null) {
        answers.add(r.body());
      }
    }
    if (answers.isEmpty()) {
      return Reply.none();
    }
    return new Reply(
        answers, Outcome.ANSWER, EngineResponse.Challenge.NONE, null, null, null, null, false);
  }

  private Reply batchElement(ParsedMessage e, CallContext context) {
    if (e.kind() == Kind.INVALID) {
      return e.invalidReply();
    }
    if (e.era() == Era.MODERN) {
      return e.kind() == Kind.REQUEST
          ? Reply.error(
              e.id(),
              Outcome.REJECTED,
              ErrorCodes.INVALID_REQUEST,
              "Invalid request: 2026-07-28 requests cannot be batched")
          : Reply.none();
    }
    if (e.isInitialize()) {
      return Reply.error(
          e.id(),
          Outcome.REJECTED,
          ErrorCodes.INVALID_REQUEST,
          "Invalid request: initialize must not be part of a batch");
    }
    try {
      return single(e, context);
    } catch (RuntimeException ex) {
      LOG.warn("unexpected failure while handling a batch element", ex);
      return internalError(e.id());
    }
  }

  /**
   * The answer to a response that passes the bound (a batch whose results together are too large):
   * one JSON-RPC error, for the request's id (null for a batch).
   */
  private static Reply responseTooLarge(JsonNode body, int max) {
    JsonNode id = body.isObject() ? body.get("id") : null;
    ObjectNode data = JsonCodec.NODES.objectNode().put("reason", "response_too_large");
    return Reply.error(
        id,
        Outcome.FAILED,
        ErrorCodes.INTERNAL_ERROR,
        "The response is larger than this server sends ("
            + max
            + " bytes, MCP_MAX_RESPONSE_BYTES): send fewer requests per batch or ask each for"
            + " less",
        data);
  }

  private static Reply internalError(JsonNode id) {
    return Reply.error(id, Outcome.FAILED, ErrorCodes.INTERNAL_ERROR, "Internal error");
  }

  private EngineResponse toResponse(Reply reply, Era era, AnswerMemory.Lease lease) {
    EngineResponse out;
    if (reply.body() == null) {
      out = EngineResponse.accepted(era);
    } else {
      int max = settings.resultLimits().maxResponseBytes();
      String json;
      try {
        JsonNode body = reply.body();
        json = JsonCodec.writeBounded(max, lease, g -> g.writeTree(body));
      } catch (JsonCodec.NoRoom e) {
        LOG.info("response refused: the answer memory is held by other answers");
        reply =
            Reply.error(
                reply.body().get("id"),
                Outcome.FAILED,
                ErrorCodes.INTERNAL_ERROR,
                "The server is writing too many large answers at once (MCP_ANSWER_MEMORY_BYTES);"
                    + " retry in a moment");
        json = JsonCodec.write(reply.body());
      } catch (JsonCodec.TooLarge e) {
        LOG.info("response refused: over the {}-byte bound", max);
        Reply refusal = responseTooLarge(reply.body(), max);
        json = JsonCodec.write(refusal.body());
        reply = refusal;
      }
      out = EngineResponse.json(reply.outcome(), json, era, reply.errorCode());
    }
    if (reply.challenge() != EngineResponse.Challenge.NONE) {
      out = out.withChallenge(reply.challenge(), reply.challengeDescription());
    }
    if (reply.sessionVersion() != null) {
      out = out.withNewSession(reply.sessionVersion());
    }
    if (reply.logLevel() != null) {
      out = out.withLogLevel(LogLevel.fromWire(reply.logLevel()).orElseThrow());
    }
    if (reply.toolError()) {
      out = out.withToolError();
    }
    return out;
  }
}
