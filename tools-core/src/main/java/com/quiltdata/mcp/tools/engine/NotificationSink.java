package com.quiltdata.mcp.tools.engine;

/**
 * Where the engine puts the notifications of a request while it runs: {@code
 * notifications/progress} and {@code notifications/message}, each one line of JSON, in order,
 * before {@link McpEngine#handle} returns the response. A transport delivers them (HTTP: events of
 * an SSE response; stdio: lines before the response) or drops them when it cannot. Calls may come
 * from a thread of the tool's other than the one in {@code handle}; never after {@code handle}
 * returned.
 */
public interface NotificationSink {
  /** Drops everything (the default of a {@link CallContext} without a sink). */
  NotificationSink NONE = json -> {};

  /**
   * The tool is about to run for a request that asked for progress ({@code _meta.progressToken}): a
   * transport that streams may open its stream now.
   */
  default void progressRequested() {}

  /** One notification, one line of JSON. */
  void send(String notificationJson);
}
