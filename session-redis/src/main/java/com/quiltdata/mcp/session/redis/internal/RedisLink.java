package com.quiltdata.mcp.session.redis.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CpuSlots;
import com.quiltdata.mcp.session.redis.RedisStoreSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to Redis, opened on first use and reopened on its own. Every command is bounded by
 * the command timeout; while Redis is unreachable commands fail at once (they are not queued), and
 * a new connection is attempted at most once per {@link #RETRY_PAUSE}. Every Redis failure becomes
 * {@code AuthException(SESSION_STORE_UNAVAILABLE)}, retryable, whose message names the kind of
 * failure only (never the URL or a password).
 */
public final class RedisLink implements AutoCloseable {
  /** Least time between two attempts to open a connection. */
  public static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  /**
   * Longest wait between two reconnection attempts of an open connection that dropped (Lettuce's
   * default grows to 30 s, which after an outage of a few seconds keeps a replica on 503s for tens
   * of seconds after Redis is back).
   */
  public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  /**
   * How long the first connection, at start-up, may take to initialise (TLS handshake, {@code
   * HELLO}, {@code AUTH}): a cold JVM on a fraction of a CPU needs more than the command timeout.
   * Commands on that connection keep the command timeout.
   */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
  private static final String[] NO_KEYS = new String[0];

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final String location;
  private final boolean tls;
  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private final Object opening = new Object();
  private final AtomicLong nextAttemptNanos = new AtomicLong(System.nanoTime());
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean lastCommandOk;
  private volatile String lastFailure = "not connected yet";

  private RedisLink(
      ClientResources resources, RedisClient client, RedisURI uri, RedisStoreSettings settings) {
    this.resources = resources;
    this.client = client;
    this.uri = uri;
    this.location = settings.location();
    this.tls = settings.tls();
    this.host = settings.host();
    this.port = settings.port();
    this.connectTimeout = settings.connectTimeout();
  }

  /** A link to the store the settings name; connects on first use. */
  public static RedisLink of(RedisStoreSettings settings) {
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(settings.host())
            .withPort(settings.port())
            .withDatabase(settings.database())
            .withSsl(settings.tls())
            .withTimeout(settings.commandTimeout());
    if (settings.password() != null) {
      if (settings.username() != null) {
        uri.withAuthentication(settings.username(), settings.password().toCharArray());
      } else {
        uri.withPassword(settings.password().toCharArray());
      }
    }
    ClientResources resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
            .build();
    RedisURI target = uri.build();
    RedisClient client = RedisClient.create(resources, target);
    ClientOptions.Builder options = ClientOptions.builder();
    if (settings.tls()) {
      SslOptions.Builder tls = SslOptions.builder().jdkSslProvider();
      tls.handshakeTimeout(settings.connectTimeout());
      if (settings.caFile() != null) {
        tls.trustManager(CaTrust.fromPem(settings.caFile()));
      }
      options.sslOptions(tls.build());
    }
    client.setOptions(
        options
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder()
                    .connectTimeout(settings.connectTimeout())
                    .keepAlive(true)
                    .build())
            .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
            .build());
    return new RedisLink(resources, client, target, settings);
  }

  /**
   * Runs a script with these arguments.
   *
   * @throws AuthException SESSION_STORE_UNAVAILABLE when Redis cannot be reached or answer in time
   */
  public <T> T eval(SessionScript script, ScriptOutputType type, String... args) {
    // a round trip: the request thread waits for it without its CPU slot
    return CpuSlots.waiting(() -> run(script, type, args));
  }

  private <T> T run(SessionScript script, ScriptOutputType type, String... args) {
    RedisCommands<String, String> commands = commands();
    try {
      T result;
      try {
        result = commands.evalsha(script.sha(), type, NO_KEYS, args);
      } catch (RedisNoScriptException e) {
        result = commands.eval(script.text(), type, NO_KEYS, args);
      }
      lastCommandOk = true;
      return result;
    } catch (RedisException e) {
      throw failed(e);
    }
  }

  /**
   * Publishes a message on a pub/sub channel, on the same connection as the scripts (bounded by the
   * command timeout). Redis refusing the command (an ACL user without the channel: {@code NOPERM})
   * says nothing about the sessions, so it leaves the store's health as it is.
   *
   * @throws AuthException SESSION_STORE_UNAVAILABLE when Redis cannot be reached, answer in time,
   *     or refuses the command
   */
  public void publish(String channel, String message) {
    RedisCommands<String, String> commands = commands();
    try {
      commands.publish(channel, message);
    } catch (RedisCommandExecutionException refused) {
      String m = refused.getMessage() == null ? "" : refused.getMessage();
      throw unavailable("refused (" + m.split(" ", 2)[0] + ")");
    } catch (RedisException e) {
      throw failed(e);
    }
  }

  /**
   * Opens a pub/sub connection with this link's settings (TLS, CA, credentials, timeouts); it
   * reconnects and subscribes again on its own once open. Blocks for at most the connection
   * timeout.
   *
   * @throws AuthException SESSION_STORE_UNAVAILABLE when Redis cannot be reached
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      return client.connectPubSub(StringCodec.UTF8);
    } catch (RedisException e) {
      throw failed(e);
    }
  }

  /**
   * Opens the connection now, at start-up, so a misconfiguration stops the server instead of
   * showing up as 503s later. A failed TLS handshake (a certificate not signed by a trusted CA, a
   * server that does not speak TLS) or refused credentials throw; an unreachable server is an
   * outage, not a misconfiguration: it is logged and the connection is attempted again on use.
   *
   * @throws IllegalStateException naming what is misconfigured (never a password)
   */
  public void connectAtStart() {
    synchronized (opening) {
      if (connection != null) {
        return;
      }
      nextAttemptNanos.set(System.nanoTime() + RETRY_PAUSE.toNanos());
      try {
        RedisURI patient = RedisURI.builder(uri).withTimeout(START_TIMEOUT).build();
        connection = client.connect(StringCodec.UTF8, patient);
        lastCommandOk = true; // connected, TLS verified and authenticated: up
        LOG.info("session store connected: {}", location);
      } catch (RedisException e) {
        String misconfigured = misconfiguration(e);
        if (misconfigured != null) {
          lastCommandOk = false;
          lastFailure = "misconfigured";
          throw new IllegalStateException(
              "the session store " + location + " refused the connection: " + misconfigured);
        }
        failed(e);
      }
    }
  }

  /**
   * What in this failure is a setting to fix, or {@code null} when Redis is just unreachable or
   * slow. With TLS, a handshake that never finishes in time is asked once more in plaintext: a port
   * that answers a plain {@code PING} is a plain Redis, which waits for a command forever instead
   * of refusing the handshake.
   */
  private String misconfiguration(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      boolean timedOut =
          t instanceof RedisCommandTimeoutException
              || t.getClass().getSimpleName().contains("HandshakeTimeout");
      if (tls && timedOut && answersPlainRedis()) {
        return "the port answers plain Redis, not TLS (a redis:// port behind a rediss:// url?)";
      }
      if (t instanceof SSLException || t.getClass().getSimpleName().contains("NotSslRecord")) {
        return "TLS handshake failed ("
            + t.getClass().getSimpleName()
            + "): the server's certificate is not signed by a trusted CA (the CA file, or the"
            + " JVM's trust store when none is set), or the server does not speak TLS";
      }
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof RedisCommandExecutionException
          && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH"))) {
        return "authentication failed ("
            + message.split(" ", 2)[0]
            + "): check the user and password";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /**
   * Whether the store's port answers {@code PING} in plaintext with a Redis reply ({@code +} or
   * {@code -}); sends no credential, waits at most the connection timeout.
   */
  private boolean answersPlainRedis() {
    try (Socket socket = new Socket()) {
      int millis = (int) connectTimeout.toMillis();
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      int first = socket.getInputStream().read();
      return first == '+' || first == '-';
    } catch (IOException notPlain) {
      return false;
    }
  }

  /** Whether the last command succeeded on an open connection. */
  public boolean healthy() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen() && lastCommandOk;
  }

  /** What went wrong last (a kind of failure, no addresses or secrets), or "none". */
  public String lastFailure() {
    return lastFailure;
  }

  /** Where the store is, without credentials. */
  public String location() {
    return location;
  }

  private RedisCommands<String, String> commands() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return c.sync();
    }
    synchronized (opening) {
      if (connection == null) {
        long now = System.nanoTime();
        if (now - nextAttemptNanos.get() < 0) {
          throw unavailable("not connected (retrying shortly)");
        }
        nextAttemptNanos.set(now + RETRY_PAUSE.toNanos());
        try {
          connection = client.connect(StringCodec.UTF8);
          LOG.info("session store connected: {}", location);
        } catch (RedisException e) {
          throw failed(e);
        }
      }
      return connection.sync();
    }
  }

  private AuthException failed(RedisException e) {
    lastCommandOk = false;
    String kind = e.getClass().getSimpleName();
    if (!kind.equals(lastFailure)) {
      LOG.warn("session store {} unavailable: {}", location, kind);
    }
    lastFailure = kind;
    return unavailable(kind);
  }

  private static AuthException unavailable(String kind) {
    return new AuthException(
        AuthException.Reason.SESSION_STORE_UNAVAILABLE,
        "the session store (Redis) is unavailable: " + kind + "; retry shortly");
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisLink[" + location + "]";
  }
}
