package com.quiltdata.mcp.benchmarks.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one dependency, switchable between passing bytes through,
 * adding latency to every chunk the dependency sends back, and being down (every open connection is
 * reset and new ones are reset as soon as they are accepted, which a client sees as a refused or
 * broken connection). Bounded: at most {@link #MAX_CONNECTIONS} connections at once, one more is
 * reset.
 */
public final class FaultProxy implements AutoCloseable {
  /** What the proxy does with traffic. */
  public enum Mode {
    PASS,
    DELAY,
    DOWN
  }

  /** Most connections relayed at once. */
  public static final int MAX_CONNECTIONS = 1024;

  private static final int BUFFER = 16 * 1024;
  private static final int QUEUED_CHUNKS = 64;

  private final String name;
  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final ExecutorService pumps;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong reset = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile Duration delay = Duration.ofSeconds(2);
  private volatile boolean closed;

  private FaultProxy(String name, InetSocketAddress upstream, ServerSocket listener) {
    this.name = name;
    this.upstream = upstream;
    this.listener = listener;
    AtomicInteger n = new AtomicInteger();
    this.pumps =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy-" + name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts a proxy on a free loopback port relaying to {@code 127.0.0.1:upstreamPort}.
   *
   * @param name for thread names and reports
   */
  public static FaultProxy start(String name, int upstreamPort) {
    Objects.requireNonNull(name, "name");
    try {
      ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
      FaultProxy proxy =
          new FaultProxy(
              name,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort),
              listener);
      proxy.pumps.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("the fault proxy " + name + " cannot listen", e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The name given at start. */
  public String name() {
    return name;
  }

  /** The current mode. */
  public Mode mode() {
    return mode;
  }

  /** Switches the mode; switching to {@link Mode#DOWN} resets every open connection. */
  public void mode(Mode next) {
    this.mode = Objects.requireNonNull(next, "mode");
    if (next == Mode.DOWN) {
      open.forEach(FaultProxy::resetQuietly);
    }
  }

  /** How long each chunk from the dependency is held back in {@link Mode#DELAY}. */
  public void delay(Duration value) {
    if (value.isNegative() || value.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("delay must be between 0 and 60 s");
    }
    this.delay = value;
  }

  /** Connections accepted so far (including the ones reset at once). */
  public long accepted() {
    return accepted.get();
  }

  /** Connections reset so far because the proxy was down or full. */
  public long reset() {
    return reset.get();
  }

  /** Chunks from the dependency held back so far. */
  public long delayed() {
    return delayed.get();
  }

  /** Connections relayed right now. */
  public int openConnections() {
    return open.size() / 2;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      if (mode == Mode.DOWN || open.size() >= 2 * MAX_CONNECTIONS) {
        reset.incrementAndGet();
        resetQuietly(client);
        continue;
      }
      pumps.execute(() -> relay(client));
    }
  }

  private void relay(Socket client) {
    Socket server = new Socket();
    open.add(client);
    open.add(server);
    try {
      server.connect(upstream, 2_000);
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      pumps.execute(() -> pump(client, server, false));
      pump(server, client, true);
    } catch (IOException e) {
      resetQuietly(client);
      resetQuietly(server);
    }
  }

  private void pump(Socket from, Socket to, boolean fromUpstream) {
    if (fromUpstream) {
      pumpDelayed(from, to);
      return;
    }
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0 && mode != Mode.DOWN) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side closed or was reset: fall through and close both
    } finally {
      closeBoth(from, to);
    }
  }

  /**
   * Relays the dependency's bytes with added latency: each chunk is read at once and written when
   * it is due (read time plus the delay in force then), in order, so the delay adds latency without
   * limiting throughput (a pipelining client such as a Redis connection sees every answer late by
   * the delay, not queued behind each other). At most {@link #QUEUED_CHUNKS} chunks wait.
   */
  private void pumpDelayed(Socket from, Socket to) {
    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    pumps.execute(() -> drain(queue, from, to));
    try {
      // not closed here: the drain closes both sockets once every queued chunk is written
      InputStream in = from.getInputStream();
      while (true) {
        byte[] buffer = new byte[BUFFER];
        int n = in.read(buffer);
        if (n < 0 || mode == Mode.DOWN) {
          break;
        }
        long due = System.nanoTime();
        if (mode == Mode.DELAY) {
          delayed.incrementAndGet();
          due += delay.toNanos();
        }
        queue.put(new Chunk(buffer, n, due));
      }
    } catch (IOException | InterruptedException e) {
      // the other side closed or was reset
    } finally {
      try {
        queue.put(Chunk.END);
      } catch (InterruptedException e) {
        closeBoth(from, to);
      }
    }
  }

  private void drain(BlockingQueue<Chunk> queue, Socket from, Socket to) {
    try (OutputStream out = to.getOutputStream()) {
      while (true) {
        Chunk c = queue.take();
        if (c == Chunk.END || mode == Mode.DOWN) {
          break;
        }
        long wait = c.due() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        out.write(c.bytes(), 0, c.length());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client closed or was reset
    } finally {
      closeBoth(from, to);
    }
  }

  /** Bytes read from the dependency and when they are due at the client. */
  private record Chunk(byte[] bytes, int length, long due) {
    static final Chunk END = new Chunk(new byte[0], 0, 0);
  }

  private void closeBoth(Socket from, Socket to) {
    open.remove(from);
    open.remove(to);
    closeQuietly(from);
    closeQuietly(to);
  }

  private static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }

  /** Stops listening and resets every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing is best effort
    }
    open.forEach(FaultProxy::resetQuietly);
    pumps.shutdownNow();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + name + " :" + port() + " -> :" + upstream.getPort() + ", " + mode + "]";
  }
}
