package com.quiltdata.mcp.session.redis.internal;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.CancellationRelay;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CancellationRelay} of the replicas sharing one Redis store: {@code PUBLISH} of the
 * digest on the store's command connection, {@code SUBSCRIBE} on a pub/sub connection of the same
 * settings, one channel under the key prefix. Both run on one daemon thread of the relay's, never
 * on the caller's: a publish returns at once, and at most {@link #MAX_PENDING} wait (more are
 * dropped). A message that is not a digest is ignored. Redis down: publishes fail with one warning
 * per outage; the subscription is retried every {@link #RESUBSCRIBE_PAUSE} until it is open, and
 * once open Lettuce reconnects and subscribes again on its own.
 */
public final class RedisRelay implements CancellationRelay, AutoCloseable {
  /** Most publishes and deliveries waiting for the relay's thread. */
  public static final int MAX_PENDING = 1024;

  /** Wait before another attempt to open the subscription. */
  public static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(RedisRelay.class);

  private final RedisLink link;
  private final String channel;
  private final ScheduledThreadPoolExecutor worker;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean subscribing = new AtomicBoolean();
  private final AtomicBoolean publishFailing = new AtomicBoolean();
  private final AtomicBoolean subscribeWarned = new AtomicBoolean();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private volatile StatefulRedisPubSubConnection<String, String> subscription;
  private volatile boolean closed;

  /** A relay on this link's Redis, on this channel; opens nothing until used. */
  public RedisRelay(RedisLink link, String channel) {
    this.link = link;
    this.channel = channel;
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "quilt-mcp-cancel-relay");
              t.setDaemon(true);
              return t;
            });
    worker.setRemoveOnCancelPolicy(true);
  }

  @Override
  public boolean active() {
    return true;
  }

  @Override
  public void publish(String digest) {
    if (CancellationRelay.isDigest(digest)) {
      submit(() -> send(digest));
    }
  }

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    listeners.add(listener);
    if (subscribing.compareAndSet(false, true)) {
      submit(this::openSubscription);
    }
    return () -> listeners.remove(listener);
  }

  /** The pub/sub channel (under the store's key prefix). */
  public String channel() {
    return channel;
  }

  /** Whether the subscription is open now. */
  public boolean subscribed() {
    StatefulRedisPubSubConnection<String, String> c = subscription;
    return c != null && c.isOpen();
  }

  private void send(String digest) {
    try {
      link.publish(channel, digest);
      if (publishFailing.compareAndSet(true, false)) {
        LOG.info("cancellation relay publishing again");
      }
    } catch (AuthException | RedisException e) {
      if (publishFailing.compareAndSet(false, true)) {
        LOG.warn(
            "cancellation relay: a notifications/cancelled was not relayed to the other replicas"
                + " ({}); further failures are not logged until it works again",
            e instanceof AuthException ? e.getMessage() : e.getClass().getSimpleName());
      }
    }
  }

  private void openSubscription() {
    if (closed) {
      return;
    }
    StatefulRedisPubSubConnection<String, String> c = null;
    try {
      c = link.connectPubSub();
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
              if (channel.equals(from) && CancellationRelay.isDigest(message)) {
                submit(() -> deliver(message));
              }
            }
          });
      c.sync().subscribe(channel);
      subscription = c;
      LOG.info("cancellation relay subscribed");
    } catch (AuthException | RedisException e) {
      if (c != null) {
        c.closeAsync();
      }
      if (subscribeWarned.compareAndSet(false, true)) {
        // an ACL user without the channel (NOPERM) ends up here too, not only an outage
        LOG.warn(
            "cancellation relay not subscribed ({}): retrying every {} ms; until then a"
                + " notifications/cancelled from another replica does not reach calls here",
            e.getClass().getSimpleName(),
            RESUBSCRIBE_PAUSE.toMillis());
      }
      if (!closed) {
        try {
          worker.schedule(
              this::openSubscription, RESUBSCRIBE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
          // closing
        }
      }
    }
  }

  private void deliver(String digest) {
    for (Consumer<String> l : listeners) {
      try {
        l.accept(digest);
      } catch (RuntimeException e) {
        LOG.warn("a cancellation relay listener failed: {}", e.getClass().getSimpleName());
      }
    }
  }

  private void submit(Runnable task) {
    if (closed) {
      return;
    }
    if (worker.getQueue().size() >= MAX_PENDING) {
      if (dropping.compareAndSet(false, true)) {
        LOG.warn("cancellation relay: more than {} messages waiting, dropping", MAX_PENDING);
      }
      return;
    }
    dropping.set(false);
    try {
      worker.execute(task);
    } catch (RejectedExecutionException stopped) {
      // closing
    }
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    StatefulRedisPubSubConnection<String, String> c = subscription;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "RedisRelay["
        + link.location()
        + ", "
        + (subscribed() ? "subscribed" : "not subscribed")
        + "]";
  }
}
