package com.quiltdata.mcp.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests, started by the test itself on a free loopback port: the
 * linux-amd64 binary shipped inside the {@code embedded-redis} jar is copied out once and run with
 * an append-only file in a temporary directory, so {@link #stop()} then {@link #start()} keeps what
 * was stored (as a restarted ElastiCache node with persistence does). No Docker, no packages.
 */
public final class RedisServerRig implements AutoCloseable {
  private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private final Path binary;
  private final Path dir;
  private final int port;
  private final String user;
  private final String password;
  private Process process;

  private RedisServerRig(Path binary, Path dir, int port, String user, String password) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /** Starts a server without a password. */
  public static RedisServerRig started() {
    return started(null);
  }

  /** Starts a server that requires this password ({@code null}: none). */
  public static RedisServerRig started(String password) {
    return started(null, password);
  }

  /**
   * Starts a server whose only user is this ACL user ({@code null}: the default user, with the
   * password as {@code requirepass}); the default user is then disabled.
   */
  public static RedisServerRig started(String user, String password) {
    try {
      Path dir = Files.createTempDirectory("quilt-mcp-redis");
      Path binary = dir.resolve("redis-server");
      try (InputStream in = RedisServerRig.class.getClassLoader().getResourceAsStream(BINARY)) {
        if (in == null) {
          throw new IllegalStateException(BINARY + " is not on the test class path");
        }
        Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!binary.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + binary + " executable");
      }
      RedisServerRig rig = new RedisServerRig(binary, dir, freePort(), user, password);
      rig.start();
      return rig;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port it listens on (the same across restarts). */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Store settings for this server with a key prefix of its own (timeouts that a loaded build
   * machine meets).
   */
  public RedisStoreSettings settings(String keyPrefix) {
    return RedisStoreSettings.parse(url(), password, keyPrefix)
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  /** Starts (or restarts) the server and waits until it accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            binary.toString(),
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
            "--daemonize",
            "no"));
    if (user != null) {
      cmd.addAll(List.of("--user", "default", "off"));
      cmd.addAll(List.of("--user", user, "on", ">" + password, "~*", "&*", "+@all"));
    } else if (password != null) {
      cmd.addAll(List.of("--requirepass", password));
    }
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start within 20 s");
  }

  /** Stops the server (SIGTERM: it finishes its append-only file) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
