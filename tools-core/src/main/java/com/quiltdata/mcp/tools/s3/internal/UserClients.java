package com.quiltdata.mcp.tools.s3.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.quiltdata.mcp.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3 client per caller, each built with that caller's own credentials provider, in a bounded
 * cache whose entries expire when unused.
 *
 * <p>Key: the SHA-256 of the caller's bearer token (the same identity the credentials broker caches
 * by), never the token itself and never the subject alone: a token naming a subject proves nothing
 * until the registry accepts it, so a client built for one token never serves another. A desktop
 * principal without a token is keyed by a hash of its subject.
 *
 * <p>Evicted clients are closed, but only once no call is still using them: callers hold a {@link
 * Lease} for the duration of one call.
 */
final class UserClients implements AutoCloseable {
  private final Cache<String, Entry> cache;
  private final AtomicLong built = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();

  UserClients(int maximumSize, Duration idleTimeout) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfterAccess(idleTimeout)
            .executor(Runnable::run)
            .removalListener((String key, Entry entry, RemovalCause cause) -> retire(entry))
            .build();
  }

  /**
   * A lease on the caller's client, building it with {@code factory} when there is none.
   *
   * @param factory builds a client bound to this principal's own credentials provider
   */
  Lease acquire(Principal principal, Supplier<S3Client> factory) {
    Objects.requireNonNull(factory, "factory");
    String key = keyOf(principal);
    while (true) {
      Entry entry =
          cache.get(
              key,
              k -> {
                built.incrementAndGet();
                return new Entry(factory.get());
              });
      if (entry.tryAcquire()) {
        return new Lease(entry);
      }
      // Retired between lookup and acquire (evicted concurrently): the cache no longer holds it.
      cache.asMap().remove(key, entry);
    }
  }

  /** The cache key of a principal: a hash, never a raw token. */
  static String keyOf(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return principal
        .token()
        .map(t -> "token:" + t.sha256Hex())
        .orElseGet(() -> "local:" + sha256(principal.origin() + "\n" + principal.subject()));
  }

  /** Clients currently cached (approximate). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Clients built so far. */
  long built() {
    return built.get();
  }

  /** Clients closed so far. */
  long closed() {
    return closed.get();
  }

  /** Drops every client; those in use are closed when their last call ends. */
  @Override
  public void close() {
    cache.invalidateAll();
    cache.cleanUp();
  }

  private void retire(Entry entry) {
    if (entry != null && entry.retire()) {
      closed.incrementAndGet();
    }
  }

  private void released(Entry entry) {
    if (entry.release()) {
      closed.incrementAndGet();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "UserClients[cached=" + cache.estimatedSize() + "]";
  }

  /** One caller's use of a client for one call; closing it releases the client. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    S3Client client() {
      return entry.client;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        released(entry);
      }
    }
  }

  /** A cached client with a count of calls using it. */
  private static final class Entry {
    private final S3Client client;
    private int users;
    private boolean retired;
    private boolean closed;

    Entry(S3Client client) {
      this.client = client;
    }

    synchronized boolean tryAcquire() {
      if (retired) {
        return false;
      }
      users++;
      return true;
    }

    /** Returns true when this call closed the client. */
    synchronized boolean release() {
      users--;
      return closeIfIdle();
    }

    /** Returns true when this call closed the client. */
    synchronized boolean retire() {
      retired = true;
      return closeIfIdle();
    }

    private boolean closeIfIdle() {
      if (retired && users == 0 && !closed) {
        closed = true;
        client.close();
        return true;
      }
      return false;
    }
  }
}
