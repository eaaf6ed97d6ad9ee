package com.quiltdata.mcp.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP front on loopback that drops a connection when no byte has flowed either way for {@code
 * idleMillis}, as a load balancer's idle timeout does (an ALB's is 60 s; here a few seconds).
 */
final class IdleCuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final long idleMillis;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> daemon(r));
  private final AtomicInteger cut = new AtomicInteger();

  IdleCuttingProxy(int targetPort, long idleMillis) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = targetPort;
    this.idleMillis = idleMillis;
    pool.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections dropped for idleness so far. */
  int cut() {
    return cut.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        AtomicLong last = new AtomicLong(System.nanoTime());
        pool.execute(() -> pump(client, server, last));
        pool.execute(() -> pump(server, client, last));
        pool.execute(() -> watch(client, server, last));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong last) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        last.set(System.nanoTime());
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side or the watchdog closed it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void watch(Socket a, Socket b, AtomicLong last) {
    while (!a.isClosed() && !b.isClosed()) {
      long idle = (System.nanoTime() - last.get()) / 1_000_000;
      if (idle >= idleMillis) {
        cut.incrementAndGet();
        closeQuietly(a);
        closeQuietly(b);
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "idle-cutting-proxy");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    pool.shutdownNow();
  }
}
