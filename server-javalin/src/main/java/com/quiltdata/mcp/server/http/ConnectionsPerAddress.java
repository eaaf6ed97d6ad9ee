package com.quiltdata.mcp.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the open connections of each peer address: one more than {@link
 * TrafficLimits#maxConnectionsPerAddress()} is closed as soon as it opens, before a byte of it is
 * read. Registered as a bean of the server; on start it listens to every connector. The map holds
 * only addresses with open connections. Thread-safe.
 */
final class ConnectionsPerAddress extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

  private final Server server;
  private final int limit;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();

  ConnectionsPerAddress(Server server, int limit) {
    this.server = server;
    this.limit = limit;
  }

  @Override
  protected void doStart() {
    for (Connector connector : server.getConnectors()) {
      connector.addEventListener(this);
    }
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = peer(connection.getEndPoint().getRemoteSocketAddress());
    if (address == null) {
      return;
    }
    boolean[] admitted = {false};
    open.compute(
        address,
        (a, n) -> {
          int now = n == null ? 0 : n;
          if (now >= limit) {
            return n;
          }
          admitted[0] = true;
          return now + 1;
        });
    if (admitted[0]) {
      counted.put(connection, address);
      return;
    }
    long total = refused.incrementAndGet();
    if (total == 1 || total % 1000 == 0) {
      LOG.warn(
          "closed a connection over MCP_MAX_CONNECTIONS_PER_ADDRESS={} ({} so far)", limit, total);
    }
    connection.getEndPoint().close();
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress address = counted.remove(connection);
    if (address != null) {
      open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Open connections of one address (for tests). */
  int openFrom(InetAddress address) {
    return open.getOrDefault(address, 0);
  }

  private static InetAddress peer(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
