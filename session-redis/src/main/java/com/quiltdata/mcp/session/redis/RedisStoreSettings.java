package com.quiltdata.mcp.session.redis;

import com.quiltdata.mcp.session.redis.internal.CaTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Redis session store lives and how long it may take to answer. Immutable; the compact
 * constructor validates every field and names the bad one. The password is never part of {@link
 * #toString()} or of any message.
 *
 * @param tls whether to speak TLS ({@code rediss://})
 * @param host the Redis host
 * @param port the Redis port
 * @param database the logical database (0-15)
 * @param username the ACL user, {@code null} for the default user
 * @param password the password, {@code null} when Redis needs none
 * @param keyPrefix what every key of this store begins with (1-64 characters of {@code
 *     [A-Za-z0-9:_.{}-]})
 * @param connectTimeout how long one connection attempt may take (100 ms to 30 s)
 * @param commandTimeout how long one command may take (50 ms to 30 s)
 * @param caFile a PEM file of the certificate authorities the TLS connection trusts instead of the
 *     JVM's trust store ({@code null}: the JVM's); only with {@code tls}
 */
public record RedisStoreSettings(
    boolean tls,
    String host,
    int port,
    int database,
    String username,
    String password,
    String keyPrefix,
    Duration connectTimeout,
    Duration commandTimeout,
    Path caFile) {
  /** Key prefix when none is configured. */
  public static final String DEFAULT_KEY_PREFIX = "quilt-mcp:session:";

  /** Default connection timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Default command timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

  /** Validates every field. */
  public RedisStoreSettings {
    if (host == null || host.isBlank() || host.length() > 253) {
      throw new IllegalArgumentException("host must be a host name or address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    if (database < 0 || database > 15) {
      throw new IllegalArgumentException("database must be between 0 and 15");
    }
    if (username != null && (username.isEmpty() || username.length() > 128)) {
      throw new IllegalArgumentException("username must be 1 to 128 characters");
    }
    if (password != null && (password.isEmpty() || password.length() > 512)) {
      throw new IllegalArgumentException("password must be 1 to 512 characters");
    }
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.isEmpty()
        || keyPrefix.length() > 64
        || !keyPrefix.matches("[A-Za-z0-9:_.{}-]+")) {
      throw new IllegalArgumentException("keyPrefix must be 1 to 64 characters of A-Za-z0-9:_.{}-");
    }
    between(connectTimeout, Duration.ofMillis(100), Duration.ofSeconds(30), "connectTimeout");
    between(commandTimeout, Duration.ofMillis(50), Duration.ofSeconds(30), "commandTimeout");
    if (caFile != null) {
      if (!tls) {
        throw new IllegalArgumentException(
            "caFile needs a rediss:// url (TLS); a plain redis:// connection checks no certificate");
      }
      CaTrust.fromPem(caFile); // unreadable, too large or no certificate: refused here, at start
    }
  }

  /**
   * Reads a {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...} URL.
   *
   * @param url the URL (user info, if any, supplies the password)
   * @param password a password that wins over the URL's, or {@code null}
   * @param keyPrefix the key prefix, or {@code null} for {@value #DEFAULT_KEY_PREFIX}
   * @throws IllegalArgumentException naming what is wrong, never echoing the URL
   */
  public static RedisStoreSettings parse(String url, String password, String keyPrefix) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(url, "url").trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url must be redis://host:port[/db] or rediss://...");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException("url must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("url must name a host");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("url must not carry a query or fragment");
    }
    String user = null;
    String secret = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      String namePart = colon < 0 ? "" : info.substring(0, colon);
      String secretPart = colon < 0 ? info : info.substring(colon + 1);
      user = namePart.isEmpty() ? null : decode(namePart);
      secret = secretPart.isEmpty() ? null : decode(secretPart);
    }
    if (password != null && !password.isEmpty()) {
      secret = password;
    }
    int db = 0;
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !"/".equals(path)) {
      try {
        db = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("database (the url's path) must be a number 0-15");
      }
    }
    return new RedisStoreSettings(
        "rediss".equals(scheme),
        uri.getHost(),
        uri.getPort() < 0 ? 6379 : uri.getPort(),
        db,
        user,
        secret,
        keyPrefix == null || keyPrefix.isEmpty() ? DEFAULT_KEY_PREFIX : keyPrefix,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_COMMAND_TIMEOUT,
        null);
  }

  /** A copy with other timeouts. */
  public RedisStoreSettings withTimeouts(Duration connect, Duration command) {
    return new RedisStoreSettings(
        tls, host, port, database, username, password, keyPrefix, connect, command, caFile);
  }

  /** A copy with another key prefix. */
  public RedisStoreSettings withKeyPrefix(String prefix) {
    return new RedisStoreSettings(
        tls,
        host,
        port,
        database,
        username,
        password,
        prefix,
        connectTimeout,
        commandTimeout,
        caFile);
  }

  /**
   * A copy that trusts the certificate authorities of this PEM file ({@code null}: the JVM's trust
   * store).
   *
   * @throws IllegalArgumentException naming {@code caFile}: not TLS, unreadable, or no certificate
   */
  public RedisStoreSettings withCaFile(Path file) {
    return new RedisStoreSettings(
        tls,
        host,
        port,
        database,
        username,
        password,
        keyPrefix,
        connectTimeout,
        commandTimeout,
        file);
  }

  /** Where the store is, without credentials: {@code rediss://host:port/db}. */
  public String location() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "RedisStoreSettings["
        + location()
        + ", user="
        + (username != null)
        + ", password="
        + (password != null ? "set" : "none")
        + ", keyPrefix="
        + keyPrefix
        + ", connectTimeout="
        + connectTimeout
        + ", commandTimeout="
        + commandTimeout
        + ", caFile="
        + (caFile != null ? caFile : "(JVM trust store)")
        + "]";
  }

  private static String decode(String part) {
    try {
      return java.net.URLDecoder.decode(
          part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url user info must be percent-encoded");
    }
  }

  private static void between(Duration value, Duration min, Duration max, String field) {
    Objects.requireNonNull(value, field);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
    }
  }
}
