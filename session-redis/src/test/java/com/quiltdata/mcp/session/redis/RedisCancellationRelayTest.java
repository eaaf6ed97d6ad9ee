package com.quiltdata.mcp.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.session.redis.internal.RedisRelay;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cancellation relay of replicas sharing one real redis-server (TLS and a password, as in
 * production): a digest published by one replica reaches every replica of the same key prefix and
 * no other, nothing but digests is sent or passed on, and Redis going away neither blocks nor
 * breaks the caller, and the subscription comes back by itself.
 */
class RedisCancellationRelayTest {
  private static final String PASSWORD = "relay-test-password";
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RedisServerRig redis;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServerRig.startedWithTls(PASSWORD);
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private static String prefix() {
    return "relay-" + PREFIXES.incrementAndGet() + ":";
  }

  private RedisSessionStore replica(RedisServerRig on, String prefix) {
    RedisSessionStore store = RedisSessionStore.builder(on.settings(prefix)).build();
    opened.add(store);
    return store;
  }

  /** Subscribes and waits until the subscription is open. */
  private static BlockingQueue<String> heard(RedisSessionStore store) throws InterruptedException {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    store.cancellationRelay().subscribe(heard::add);
    awaitSubscribed(store);
    return heard;
  }

  private static void awaitSubscribed(RedisSessionStore store) throws InterruptedException {
    RedisRelay relay = (RedisRelay) store.cancellationRelay();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!relay.subscribed()) {
      assertTrue(System.nanoTime() < deadline, "not subscribed within " + WAIT);
      Thread.sleep(20);
    }
  }

  private static String poll(BlockingQueue<String> q, Duration d) throws InterruptedException {
    return q.poll(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void twoReplicas_oneRedis_aPublishedDigestReachesBoth_andNoOtherPrefix() throws Exception {
    String prefix = prefix();
    RedisSessionStore a = replica(redis, prefix);
    RedisSessionStore b = replica(redis, prefix);
    RedisSessionStore elsewhere = replica(redis, prefix());
    assertTrue(a.cancellationRelay().active());
    assertEquals(prefix + "cancelled", ((RedisRelay) a.cancellationRelay()).channel());
    BlockingQueue<String> onA = heard(a);
    BlockingQueue<String> onB = heard(b);
    BlockingQueue<String> onOther = heard(elsewhere);
    String digest = CancellationRelay.digest("session:x/token:y\u0000n:7");

    a.cancellationRelay().publish(digest);

    assertEquals(digest, poll(onB, WAIT), "the other replica heard it");
    assertEquals(digest, poll(onA, WAIT), "the publishing replica hears it too (and ignores it)");
    assertNull(poll(onOther, Duration.ofMillis(500)), "another key prefix hears nothing");
  }

  @Test
  void onlyDigestsAreSent_andOnlyDigestsArePassedOn() throws Exception {
    String prefix = prefix();
    RedisSessionStore a = replica(redis, prefix);
    BlockingQueue<String> onA = heard(a);
    RedisSettingsClient raw = new RedisSettingsClient(redis, prefix + "cancelled");
    opened.add(raw);
    String digest = CancellationRelay.digest("token:t\u0000s:abc");

    a.cancellationRelay().publish("session:not-a-digest/token:" + "0".repeat(64));
    a.cancellationRelay().publish(digest.toUpperCase(java.util.Locale.ROOT));
    a.cancellationRelay().publish(digest);
    assertEquals(digest, poll(raw.heard, WAIT), "only the digest went to Redis");
    assertEquals(digest, poll(onA, WAIT));

    raw.publish("x");
    raw.publish("f".repeat(63));
    raw.publish("a".repeat(64 * 1024));
    raw.publish(digest + " ");
    raw.publish("g".repeat(64));
    String later = CancellationRelay.digest("token:t\u0000s:def");
    raw.publish(later);
    assertEquals(later, poll(onA, WAIT), "messages of the wrong shape were dropped, not passed on");
    assertNull(poll(onA, Duration.ofMillis(300)));
  }

  @Test
  void redisDown_publishReturnsAtOnce_neverThrows_andTheSubscriptionComesBack() throws Exception {
    RedisServerRig own = RedisServerRig.started();
    opened.add(own);
    String prefix = prefix();
    RedisSessionStore a = replica(own, prefix);
    RedisSessionStore b = replica(own, prefix);
    heard(a);
    BlockingQueue<String> onB = heard(b);
    own.stop();

    long started = System.nanoTime();
    for (int i = 0; i < 2_000; i++) { // more than the relay keeps waiting: the rest are dropped
      a.cancellationRelay().publish(CancellationRelay.digest("down\u0000n:" + i));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 1_000, "publishing while Redis is down took " + millis + " ms");

    own.start();
    String digest = CancellationRelay.digest("back\u0000n:1");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String got = null;
    while (!digest.equals(got) && System.nanoTime() < deadline) {
      a.cancellationRelay().publish(digest);
      got = poll(onB, Duration.ofMillis(500));
    }
    assertEquals(digest, got, "after Redis came back, the relay delivered again");
  }

  @Test
  void redisUnreachableAtStart_subscribeAndPublishDoNotBlock_andItSubscribesOnceRedisIsUp()
      throws Exception {
    RedisServerRig own = RedisServerRig.started();
    opened.add(own);
    own.stop();
    String prefix = prefix();
    RedisSessionStore a = replica(own, prefix);
    BlockingQueue<String> onA = new LinkedBlockingQueue<>();

    long started = System.nanoTime();
    a.cancellationRelay().subscribe(onA::add);
    a.cancellationRelay().publish(CancellationRelay.digest("nobody\u0000n:1"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 500, "subscribe and publish with Redis down took " + millis + " ms");
    assertFalse(((RedisRelay) a.cancellationRelay()).subscribed());

    own.start();
    awaitSubscribedWithin(a, Duration.ofSeconds(30));
    String digest = CancellationRelay.digest("up\u0000n:1");
    a.cancellationRelay().publish(digest);
    String got = poll(onA, WAIT);
    if (!digest.equals(got)) { // the first publish, when the relay's thread reached it after start
      got = poll(onA, WAIT);
    }
    assertEquals(digest, got);
  }

  @Test
  void anAclUserWithoutTheChannel_keepsItsSessions_andTheRelayNeverThrows() throws Exception {
    RedisServerRig own = RedisServerRig.started();
    opened.add(own);
    RedisClient admin = RedisClient.create(RedisURI.create("127.0.0.1", own.port()));
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      c.sync()
          .aclSetuser(
              "no-channels",
              io.lettuce.core.AclSetuserArgs.Builder.on()
                  .addPassword("no-channels-pw")
                  .allKeys()
                  .allCommands()
                  .resetChannels());
    } finally {
      admin.shutdown();
    }
    RedisStoreSettings s = own.settings("acl:");
    RedisSessionStore store =
        RedisSessionStore.builder(
                new RedisStoreSettings(
                    false,
                    s.host(),
                    s.port(),
                    0,
                    "no-channels",
                    "no-channels-pw",
                    "acl:",
                    s.connectTimeout(),
                    s.commandTimeout(),
                    null))
            .build();
    opened.add(store);
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    assertTrue(store.create(null, "2025-06-18").id().length() > 0, "sessions work");

    store.cancellationRelay().subscribe(heard::add);
    store.cancellationRelay().publish(CancellationRelay.digest("acl\u0000n:1"));

    assertNull(poll(heard, Duration.ofSeconds(2)));
    assertFalse(((RedisRelay) store.cancellationRelay()).subscribed(), "NOPERM: not subscribed");
    assertTrue(store.healthy(), "a refused PUBLISH does not mark the session store down");
    assertTrue(store.create(null, "2025-06-18").id().length() > 0, "sessions still work");
  }

  private static void awaitSubscribedWithin(RedisSessionStore store, Duration d)
      throws InterruptedException {
    RedisRelay relay = (RedisRelay) store.cancellationRelay();
    long deadline = System.nanoTime() + d.toNanos();
    while (!relay.subscribed()) {
      assertTrue(System.nanoTime() < deadline, "not subscribed within " + d);
      Thread.sleep(50);
    }
  }

  /** A plain Lettuce client on the rig, publishing and hearing the relay's channel as is. */
  private static final class RedisSettingsClient implements AutoCloseable {
    final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String channel;

    RedisSettingsClient(RedisServerRig rig, String channel) {
      RedisStoreSettings s = rig.settings("raw:");
      this.channel = channel;
      RedisURI uri =
          RedisURI.builder()
              .withHost(s.host())
              .withPort(s.port())
              .withSsl(s.tls())
              .withVerifyPeer(false)
              .withPassword(s.password().toCharArray())
              .build();
      this.client = RedisClient.create(uri);
      this.commands = client.connect();
      this.pubsub = client.connectPubSub();
      pubsub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
              heard.add(message);
            }
          });
      pubsub.sync().subscribe(channel);
    }

    void publish(String message) {
      commands.sync().publish(channel, message);
    }

    @Override
    public void close() {
      pubsub.close();
      commands.close();
      client.shutdown();
    }
  }
}
