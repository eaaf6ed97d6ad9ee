package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.auth.CredentialsBroker;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.Tool;
import com.quiltdata.mcp.tools.ToolDefinition;
import com.quiltdata.mcp.tools.engine.internal.EngineSettings;
import com.quiltdata.mcp.tools.engine.internal.ProtocolEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The transport-neutral MCP protocol engine: JSON-RPC 2.0 parsing (duplicate keys rejected, size
 * and depth bounded), legacy and modern (2026-07-28) dispatch, version negotiation, tool listing
 * with cursor pagination, and {@code tools/call} with authentication, authorization and input
 * validation before any tool runs. Immutable and thread-safe; adapters (HTTP, stdio) own
 * transports, sessions and authentication.
 *
 * <p>Adapter contract, per transport message:
 *
 * <ol>
 *   <li>{@link #parse(byte[])} the raw bytes (never throws);
 *   <li>decide about the session with {@link InboundMessage#requiresSession()} and about anonymous
 *       access with {@link InboundMessage#isHandshake()} (legacy HTTP only);
 *   <li>{@link #handle(InboundMessage, CallContext)} with the principal, session and headers;
 *   <li>express {@link EngineResponse#outcome()} (HTTP: as a status), send the body if any and the
 *       challenge if any, and create a session when {@link EngineResponse#createsSession()}.
 * </ol>
 *
 * <p>Input schemas may use: {@code type} (object, string, integer, number, boolean, array), {@code
 * properties}, {@code required}, {@code additionalProperties: false}, {@code enum}, {@code
 * minimum}/{@code maximum}, {@code minLength}/{@code maxLength}, {@code pattern}, {@code items},
 * {@code maxItems}, {@code $defs} at the top with {@code $ref: "#/$defs/NAME"} anywhere, and the
 * annotations {@code description}, {@code title}, {@code default}, {@code examples}, {@code
 * $schema}. Anything else fails {@link Builder#build()}.
 */
public interface McpEngine {
  /**
   * Parses and classifies one transport message. Never throws: oversized, malformed and invalid
   * input yields an {@link InboundMessage.Kind#INVALID} message whose answer is prepared.
   */
  InboundMessage parse(byte[] body);

  /**
   * Handles a parsed message and returns what to send. Never throws for any input; unexpected
   * failures become a -32603 error without details.
   *
   * @param message a message from this engine's {@link #parse(byte[])}
   * @param context principal, session and headers of the transport message
   */
  EngineResponse handle(InboundMessage message, CallContext context);

  /** Shorthand for {@code handle(parse(body), context)}. */
  default EngineResponse handle(byte[] body, CallContext context) {
    return handle(parse(body), context);
  }

  /** The registered tools' definitions, in listing order. */
  List<ToolDefinition> tools();

  /** The limits in force. */
  EngineLimits limits();

  /** Starts an engine builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. Setters validate eagerly and name the bad field. */
  final class Builder {
    private String serverName = "quilt-mcp";
    private String serverVersion = "0.1.0";
    private String instructions;
    private final List<Tool> tools = new ArrayList<>();
    private Authorizer authorizer;
    private CredentialsBroker credentialsBroker;
    private Clock clock = Clock.systemUTC();
    private EngineLimits limits = EngineLimits.DEFAULTS;
    private CallLimits callLimits = CallLimits.DEFAULTS;
    private ResultLimits resultLimits = ResultLimits.DEFAULTS;
    private LongSupplier nanoTime = System::nanoTime;
    private Duration listTtl = Duration.ofMinutes(5);
    private String listCacheScope = "private";
    private CancellationRelay cancellationRelay = CancellationRelay.NONE;

    private Builder() {}

    /** Sets {@code serverInfo.name} and {@code serverInfo.version}. */
    public Builder serverInfo(String name, String version) {
      this.serverName = nonBlank(name, "serverInfo.name");
      this.serverVersion = nonBlank(version, "serverInfo.version");
      return this;
    }

    /** Sets the {@code instructions} returned by {@code initialize} ({@code null}: none). */
    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    /** Adds a tool; names must be unique (checked by {@link #build()}). */
    public Builder addTool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** Adds tools. */
    public Builder addTools(List<? extends Tool> more) {
      for (Tool t : Objects.requireNonNull(more, "tools")) {
        addTool(t);
      }
      return this;
    }

    /** Sets the authorizer consulted before every tool call (required). */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Sets the credentials broker tools use ({@code null}: tools get a broker that refuses with
     * {@code CREDENTIALS_NOT_AVAILABLE}).
     */
    public Builder credentialsBroker(CredentialsBroker broker) {
      this.credentialsBroker = broker;
      return this;
    }

    /**
     * Sets how {@code notifications/cancelled} for a call this engine is not running reaches the
     * replica running it (default {@link CancellationRelay#NONE}: one process). With an active
     * relay, the engine publishes the call's digest when the call is not running here, and cancels
     * its own calls whose digest it hears; the digest is computed per call only then.
     */
    public Builder cancellationRelay(CancellationRelay relay) {
      this.cancellationRelay = Objects.requireNonNull(relay, "cancellationRelay");
      return this;
    }

    /** Sets the clock (tests inject a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the input and listing limits. */
    public Builder limits(EngineLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets how many tool calls may run at once, in all and per session (default 64 and 8). */
    public Builder callLimits(CallLimits callLimits) {
      this.callLimits = Objects.requireNonNull(callLimits, "callLimits");
      return this;
    }

    /** Sets how large a tool result and a response may be (default 4 MiB and 8 MiB). */
    public Builder resultLimits(ResultLimits resultLimits) {
      this.resultLimits = Objects.requireNonNull(resultLimits, "resultLimits");
      return this;
    }

    /**
     * Sets the monotonic nanosecond clock the notification rate bounds use (tests inject one;
     * default {@code System::nanoTime}).
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * Sets the cache hints of modern list results.
     *
     * @param ttl {@code ttlMs}, 0 .. 1 day
     * @param scope {@code cacheScope}: {@code "private"} or {@code "public"}
     */
    public Builder listCacheHints(Duration ttl, String scope) {
      Objects.requireNonNull(ttl, "listCacheHints.ttl");
      if (ttl.isNegative() || ttl.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("listCacheHints.ttl must be between 0 and 1 day");
      }
      if (!"private".equals(scope) && !"public".equals(scope)) {
        throw new IllegalArgumentException("listCacheHints.scope must be 'private' or 'public'");
      }
      this.listTtl = ttl;
      this.listCacheScope = scope;
      return this;
    }

    /**
     * The requirements of every tool added so far, so that an authorization table can be built
     * before the engine.
     */
    public List<ToolRequirements> requirements() {
      List<ToolRequirements> out = new ArrayList<>();
      for (Tool t : tools) {
        out.add(t.definition().requirements());
      }
      return List.copyOf(out);
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException when the authorizer is missing, tool names repeat, or a schema
     *     uses unsupported keywords
     */
    public McpEngine build() {
      return new ProtocolEngine(settings(true));
    }

    private EngineSettings settings(boolean requireAuthorizer) {
      if (requireAuthorizer && authorizer == null) {
        throw new IllegalStateException("authorizer is required");
      }
      return new EngineSettings(
          serverName,
          serverVersion,
          instructions,
          List.copyOf(tools),
          authorizer,
          credentialsBroker,
          clock,
          limits,
          callLimits,
          resultLimits,
          nanoTime,
          listTtl,
          listCacheScope,
          cancellationRelay);
    }

    private static String nonBlank(String value, String field) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " must not be blank");
      }
      return value;
    }
  }
}
