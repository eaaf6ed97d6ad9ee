package com.quiltdata.mcp.tools.engine;

import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.tools.LogLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter knows about the transport message beyond its body: the authenticated caller, the
 * session, and (HTTP) the MCP routing headers. Immutable.
 *
 * <pre>{@code
 * CallContext ctx = CallContext.http()
 *     .principal(principalOrNull)
 *     .session(sessionOrNull)
 *     .protocolVersionHeader(req.header("MCP-Protocol-Version"))
 *     .methodHeader(req.header("Mcp-Method"))
 *     .nameHeader(req.header("Mcp-Name"))
 *     .build();
 * }</pre>
 */
public final class CallContext {
  /** The transport the message arrived on. */
  public enum Transport {
    /** Streamable HTTP: routing headers are checked for MODERN requests. */
    HTTP,
    /** stdio: no headers; the connection's negotiated version plays the session's role. */
    STDIO
  }

  private final Transport transport;
  private final Principal principal;
  private final Session session;
  private final String negotiatedVersion;
  private final String protocolVersionHeader;
  private final String methodHeader;
  private final String nameHeader;
  private final String cancellationScope;
  private final Cancellation cancellation;
  private final NotificationSink notifications;
  private final LogLevel logLevel;

  private CallContext(Builder b) {
    this.transport = b.transport;
    this.principal = b.principal;
    this.session = b.session;
    this.negotiatedVersion =
        b.negotiatedVersion != null
            ? b.negotiatedVersion
            : (b.session != null ? b.session.protocolVersion() : null);
    this.protocolVersionHeader = b.protocolVersionHeader;
    this.methodHeader = b.methodHeader;
    this.nameHeader = b.nameHeader;
    this.cancellationScope = b.cancellationScope;
    this.cancellation = b.cancellation;
    this.notifications = b.notifications == null ? NotificationSink.NONE : b.notifications;
    this.logLevel =
        b.logLevel != null
            ? b.logLevel
            : b.session == null
                ? null
                : b.session.logLevelChoice().flatMap(LogLevel::fromWire).orElse(null);
  }

  /** Starts a context for an HTTP message. */
  public static Builder http() {
    return new Builder(Transport.HTTP);
  }

  /** Starts a context for a stdio line. */
  public static Builder stdio() {
    return new Builder(Transport.STDIO);
  }

  /** The transport. */
  public Transport transport() {
    return transport;
  }

  /** The authenticated caller; absent for an anonymous message. */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  /** The legacy session the message belongs to, if any. */
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /**
   * The protocol version negotiated by {@code initialize} for this session/connection: set
   * explicitly, else the session's {@link Session#protocolVersion()}.
   */
  public Optional<String> negotiatedVersion() {
    return Optional.ofNullable(negotiatedVersion);
  }

  /** The {@code MCP-Protocol-Version} header value, if sent. */
  public Optional<String> protocolVersionHeader() {
    return Optional.ofNullable(protocolVersionHeader);
  }

  /** The {@code Mcp-Method} header value, if sent. */
  public Optional<String> methodHeader() {
    return Optional.ofNullable(methodHeader);
  }

  /** The {@code Mcp-Name} header value, if sent. */
  public Optional<String> nameHeader() {
    return Optional.ofNullable(nameHeader);
  }

  /**
   * The key that scopes request ids for {@code notifications/cancelled}: set explicitly (stdio: the
   * connection), else the digest of the bearer token within the legacy session when there is one
   * (so another token, even of the same subject and in the same session, cannot cancel the call);
   * absent when no token applies. A client that signs a fresh token per request cancels by
   * disconnecting, which always reaches its own call.
   */
  public Optional<String> cancellationScope() {
    if (cancellationScope != null) {
      return Optional.of(cancellationScope);
    }
    if (principal == null || principal.token().isEmpty()) {
      return Optional.empty();
    }
    String token = "token:" + principal.token().get().sha256Hex();
    return Optional.of(session == null ? token : "session:" + session.id() + "/" + token);
  }

  /**
   * Where notifications of this message's request go ({@link NotificationSink#NONE} if nowhere).
   */
  public NotificationSink notifications() {
    return notifications;
  }

  /**
   * The log level a legacy client chose ({@code logging/setLevel}) for this session or connection:
   * set explicitly (stdio), else the session's; absent while it has not chosen.
   */
  public Optional<LogLevel> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  /** The transport's cancellation of this message's request, if it gave one. */
  public Optional<Cancellation> cancellation() {
    return Optional.ofNullable(cancellation);
  }

  @Override
  public String toString() {
    return "CallContext[" + transport + ", principal=" + principal + ", session=" + session + "]";
  }

  /** Mutable builder; not thread-safe. Every setter accepts {@code null} for "absent". */
  public static final class Builder {
    private final Transport transport;
    private Principal principal;
    private Session session;
    private String negotiatedVersion;
    private String protocolVersionHeader;
    private String methodHeader;
    private String nameHeader;
    private String cancellationScope;
    private Cancellation cancellation;
    private NotificationSink notifications;
    private LogLevel logLevel;

    private Builder(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The authenticated caller ({@code null}: anonymous). */
    public Builder principal(Principal principal) {
      this.principal = principal;
      return this;
    }

    /** The session found for this caller ({@code null}: none). */
    public Builder session(Session session) {
      this.session = session;
      return this;
    }

    /** The negotiated version when there is no {@link Session} object (stdio). */
    public Builder negotiatedVersion(String negotiatedVersion) {
      this.negotiatedVersion = negotiatedVersion;
      return this;
    }

    /** The raw {@code MCP-Protocol-Version} header. */
    public Builder protocolVersionHeader(String value) {
      this.protocolVersionHeader = value;
      return this;
    }

    /** The raw {@code Mcp-Method} header. */
    public Builder methodHeader(String value) {
      this.methodHeader = value;
      return this;
    }

    /** The raw {@code Mcp-Name} header. */
    public Builder nameHeader(String value) {
      this.nameHeader = value;
      return this;
    }

    /** Overrides the cancellation scope (stdio uses one per connection). */
    public Builder cancellationScope(String scope) {
      this.cancellationScope = scope;
      return this;
    }

    /**
     * The transport's handle on this request's cancellation, which it triggers when the client goes
     * away; {@code notifications/cancelled} triggers the same one.
     */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = cancellation;
      return this;
    }

    /** Where the request's notifications go ({@code null}: nowhere). */
    public Builder notifications(NotificationSink sink) {
      this.notifications = sink;
      return this;
    }

    /** The log level the client chose for this connection (stdio; HTTP takes the session's). */
    public Builder logLevel(LogLevel level) {
      this.logLevel = level;
      return this;
    }

    /** Builds the immutable context. */
    public CallContext build() {
      return new CallContext(this);
    }
  }
}
