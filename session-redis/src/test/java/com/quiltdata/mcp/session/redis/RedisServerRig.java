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
 *
 * <p>{@link #startedWithTls} runs the same binary (built with TLS) on a TLS port only, with the
 * test certificate of {@code redis-tls/} (signed by the test CA {@link #TEST_CA}; see {@code
 * make-test-certs.sh} there).
 */
public final class RedisServerRig implements AutoCloseable {
  private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

  /** Class path resource: the test CA that signed the TLS server's certificate. */
  public static final String TEST_CA = "redis-tls/test-ca.pem";

  /** Class path resource: a CA unrelated to the TLS server's certificate. */
  public static final String OTHER_CA = "redis-tls/other-ca.pem";

  private static final String SERVER_CERT = "redis-tls/redis-server.pem";
  private static final String SERVER_KEY = "redis-tls/redis-server.key";

  private final Path binary;
  private final Path dir;
  private final int port;
  private final String user;
  private final String password;
  private final boolean tls;
  private Process process;

  private RedisServerRig(
      Path binary, Path dir, int port, String user, String password, boolean tls) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.user = user;
    this.password = password;
    this.tls = tls;
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
    return started(user, password, false);
  }

  /**
   * Starts a server that speaks TLS only (no plain port), with a certificate for 127.0.0.1 signed
   * by {@link #TEST_CA}, requiring this password ({@code null}: none). Clients need no certificate.
   */
  public static RedisServerRig startedWithTls(String password) {
    return started(null, password, true);
  }

  private static RedisServerRig started(String user, String password, boolean tls) {
    try {
      Path dir = Files.createTempDirectory("quilt-mcp-redis");
      Path binary = dir.resolve("redis-server");
      copyResource(BINARY, binary);
      if (!binary.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + binary + " executable");
      }
      if (tls) {
        for (String resource : List.of(TEST_CA, SERVER_CERT, SERVER_KEY)) {
          copyResource(resource, dir.resolve(resource));
        }
      }
      RedisServerRig rig = new RedisServerRig(binary, dir, freePort(), user, password, tls);
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

  /** {@code redis://127.0.0.1:<port>}, or {@code rediss://...} for a TLS server. */
  public String url() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  /** The test CA's PEM file (a copy in this server's directory). */
  public Path testCaFile() {
    return dir.resolve(TEST_CA);
  }

  /**
   * Copies a class path resource (the binary, the TLS material) to a file, creating its directory.
   */
  public static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = RedisServerRig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Store settings for this server with a key prefix of its own (timeouts that a loaded build
   * machine meets; a TLS server's test CA trusted).
   */
  public RedisStoreSettings settings(String keyPrefix) {
    RedisStoreSettings settings =
        RedisStoreSettings.parse(url(), password, keyPrefix)
            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    return tls ? settings.withCaFile(testCaFile()) : settings;
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
            tls ? "0" : Integer.toString(port),
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
    if (tls) {
      cmd.addAll(
          List.of(
              "--tls-port",
              Integer.toString(port),
              "--tls-cert-file",
              dir.resolve(SERVER_CERT).toString(),
              "--tls-key-file",
              dir.resolve(SERVER_KEY).toString(),
              "--tls-ca-cert-file",
              dir.resolve(TEST_CA).toString(),
              "--tls-auth-clients",
              "no"));
    }
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
