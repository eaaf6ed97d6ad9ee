package com.quiltdata.mcp.tools.engine;

import java.util.List;

/** The MCP protocol revisions this server speaks, and the negotiation rule for legacy clients. */
public final class ProtocolVersions {
  /** The first revision the Quilt catalog frontend still sends. */
  public static final String V2024_11_05 = "2024-11-05";

  /** The only revision with JSON-RPC batches. */
  public static final String V2025_03_26 = "2025-03-26";

  /** Structured tool output. */
  public static final String V2025_06_18 = "2025-06-18";

  /** The latest session-capable revision. */
  public static final String V2025_11_25 = "2025-11-25";

  /** The stateless revision. */
  public static final String V2026_07_28 = "2026-07-28";

  /** Legacy revisions, newest first. */
  public static final List<String> LEGACY =
      List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

  /** Modern (stateless, per-request {@code _meta}) revisions, newest first. */
  public static final List<String> MODERN = List.of(V2026_07_28);

  /** The {@code params._meta} key carrying a modern request's protocol version. */
  public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  /** The {@code params._meta} key carrying a modern request's client capabilities. */
  public static final String META_CLIENT_CAPABILITIES =
      "io.modelcontextprotocol/clientCapabilities";

  /** The {@code params._meta} key carrying a modern request's optional client info. */
  public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

  /**
   * The {@code params._meta} key of a modern request's own log level: without it no {@code
   * notifications/message} is sent for the request.
   */
  public static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";

  /** Version assumed for a legacy HTTP request without {@code MCP-Protocol-Version}. */
  public static final String LEGACY_DEFAULT = V2025_03_26;

  private ProtocolVersions() {}

  /**
   * The version an {@code initialize} answers with: the client's when it is a supported legacy
   * revision, else the latest legacy one.
   *
   * @param requested the client's {@code protocolVersion}, may be {@code null}
   */
  public static String negotiate(String requested) {
    return requested != null && LEGACY.contains(requested) ? requested : LEGACY.get(0);
  }

  /** Whether {@code version} is a supported legacy revision. */
  public static boolean isLegacy(String version) {
    return version != null && LEGACY.contains(version);
  }

  /**
   * Whether clients of {@code version} read {@code structuredContent} (2025-06-18 and later); for
   * {@code null} (unknown), no.
   */
  public static boolean hasStructuredOutput(String version) {
    return V2025_06_18.equals(version) || V2025_11_25.equals(version) || isModern(version);
  }

  /** Whether {@code version} is a supported modern revision. */
  public static boolean isModern(String version) {
    return version != null && MODERN.contains(version);
  }
}
