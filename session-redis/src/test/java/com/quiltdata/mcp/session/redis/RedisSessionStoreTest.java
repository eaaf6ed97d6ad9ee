package com.quiltdata.mcp.session.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.auth.SessionLimits;
import com.quiltdata.mcp.auth.SessionStore;
import com.quiltdata.mcp.auth.SessionStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the {@link SessionStoreContract} on a real redis-server, and what only a shared
 * store has: what Redis holds, several replicas on one store, Redis going away and coming back.
 */
class RedisSessionStoreTest extends SessionStoreContract {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static RedisServerRig redis;
  private final List<RedisSessionStore> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServerRig.started();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(RedisSessionStore::close);
  }

  private RedisSessionStore replica(String prefix) {
    RedisSessionStore store =
        RedisSessionStore.builder(redis.settings(prefix)).clock(clock()).build();
    opened.add(store);
    return store;
  }

  @Test
  void redisHolds_noSessionId_noSubject_noToken() {
    String prefix = "dump-" + PREFIXES.incrementAndGet() + ":";
    RedisSessionStore store = replica(prefix);
    Principal alice = principal("alice");
    Session anonymous = store.create(null, "2025-06-18");
    store.lookup(anonymous.id(), alice);
    Session bound = store.create(alice, "2025-06-18");
    store.setLogLevel(bound.id(), alice, "debug");

    String dump = dump(prefix);

    assertTrue(dump.contains("2025-06-18"), "the dump did read the sessions");
    assertFalse(dump.contains(anonymous.id()));
    assertFalse(dump.contains(bound.id()));
    assertFalse(dump.contains("alice"));
    assertFalse(dump.contains(alice.token().orElseThrow().reveal()));
  }

  @Test
  void replicas_shareBindingAndTermination() {
    String prefix = "replicas-" + PREFIXES.incrementAndGet() + ":";
    RedisSessionStore a = replica(prefix);
    RedisSessionStore b = replica(prefix);
    RedisSessionStore c = replica(prefix);
    Principal alice = principal("alice");
    Principal bob = principal("bob");

    Session session = a.create(null, "2025-06-18");
    assertEquals(Optional.of("alice"), b.lookup(session.id(), alice).orElseThrow().subject());
    assertTrue(c.lookup(session.id(), principal("alice")).isPresent(), "a fresh token of alice");
    assertEquals(Optional.empty(), c.lookup(session.id(), bob));

    assertTrue(c.terminate(session.id(), alice));
    assertEquals(Optional.empty(), a.lookup(session.id(), alice));
    assertEquals(0, b.stats().active());
  }

  @Test
  void redisDown_failsRetryably_thenRecoversWithEverythingStoredBefore() {
    try (RedisServerRig own = RedisServerRig.started()) {
      RedisSessionStore store = RedisSessionStore.builder(own.settings("outage:")).build();
      opened.add(store);
      Principal alice = principal("alice");
      Session before = store.create(alice, "2025-06-18");
      assertTrue(store.healthy());

      own.stop();
      AuthException down =
          assertThrows(AuthException.class, () -> store.lookup(before.id(), alice));
      assertEquals(AuthException.Reason.SESSION_STORE_UNAVAILABLE, down.reason());
      assertTrue(down.retryable());
      assertThrows(AuthException.class, () -> store.create(null, null));
      assertFalse(store.healthy());
      assertTrue(store.describeState().contains("down"), store.describeState());

      own.start();
      Session after = awaitLookup(store, before.id(), alice);
      assertEquals(before.createdAt(), after.createdAt(), "stored before the outage, kept");
      assertTrue(store.healthy());
      assertEquals(1, store.stats().active());
    }
  }

  @Test
  void unreachableAtStart_failsFast_andConnectsOnceRedisIsThere() {
    RedisServerRig own = RedisServerRig.started();
    own.stop();
    try {
      RedisSessionStore store = RedisSessionStore.builder(own.settings("late:")).build();
      opened.add(store);
      AuthException e = assertThrows(AuthException.class, () -> store.create(null, null));
      assertEquals(AuthException.Reason.SESSION_STORE_UNAVAILABLE, e.reason());
      assertFalse(e.getMessage().contains(Integer.toString(own.port())), e.getMessage());

      own.start();
      Session created = awaitCreate(store);
      assertTrue(store.lookup(created.id(), null).isPresent());
    } finally {
      own.close();
    }
  }

  @Test
  void password_isUsed_andNeverShown() {
    try (RedisServerRig guarded = RedisServerRig.started("s3cr3t-pass")) {
      RedisStoreSettings right = guarded.settings("pw:");
      assertFalse(right.toString().contains("s3cr3t-pass"), right.toString());
      RedisSessionStore store = RedisSessionStore.builder(right).build();
      opened.add(store);
      assertFalse(store.toString().contains("s3cr3t-pass"));
      assertTrue(store.lookup(store.create(null, null).id(), null).isPresent());

      RedisSessionStore wrong =
          RedisSessionStore.builder(
                  RedisStoreSettings.parse(
                      "redis://:nope@127.0.0.1:" + guarded.port(), null, "pw:"))
              .build();
      opened.add(wrong);
      AuthException e = assertThrows(AuthException.class, () -> wrong.create(null, null));
      assertFalse(e.getMessage().contains("nope"), e.getMessage());
    }
  }

  private static Session awaitLookup(RedisSessionStore store, String id, Principal who) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return store.lookup(id, who).orElseThrow();
      } catch (AuthException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  private static Session awaitCreate(RedisSessionStore store) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return store.create(null, null);
      } catch (AuthException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every key under the prefix with every value it holds, as Redis sees them. */
  @Test
  void aclUser_fromUrlUserInfo_withPasswordFromUrlOrSetting_andAWrongOneFailsClosed() {
    String secret = "acl-password-0123456789";
    try (RedisServerRig acl = RedisServerRig.started("quilt-mcp", secret)) {
      String at = "127.0.0.1:" + acl.port();
      for (RedisStoreSettings settings :
          List.of(
              RedisStoreSettings.parse("redis://quilt-mcp:@" + at, secret, "acl:"),
              RedisStoreSettings.parse("redis://quilt-mcp:" + secret + "@" + at, null, "acl:"))) {
        try (RedisSessionStore store = RedisSessionStore.builder(settings).clock(clock()).build()) {
          Session s = store.create(principal("alice"), "2025-06-18");
          assertTrue(store.lookup(s.id(), principal("alice")).isPresent());
          assertFalse(store.describeState().contains(secret));
        }
      }
      RedisStoreSettings wrong =
          RedisStoreSettings.parse("redis://quilt-mcp:@" + at, "not-the-password-987", "acl:");
      try (RedisSessionStore store = RedisSessionStore.builder(wrong).clock(clock()).build()) {
        AuthException e = assertThrows(AuthException.class, () -> store.create(null, "2025-06-18"));
        assertEquals(AuthException.Reason.SESSION_STORE_UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains("not-the-password-987"), e.getMessage());
        assertFalse(store.healthy());
        assertFalse(store.describeState().contains("not-the-password-987"));
      }
    }
  }

  /** Sizing for docs/deployment-redis.md: what one bound session costs in Redis. */
  @Test
  void memoryPerSession_isSmall() {
    String prefix = "size-" + PREFIXES.incrementAndGet() + ":";
    RedisSessionStore store = replica(prefix);
    int sessions = 200;
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      long before = usedMemory(c);
      for (int i = 0; i < sessions; i++) {
        store.create(principal("user-" + i + "@example.com"), "2025-06-18");
      }
      long perSessionOverall = (usedMemory(c) - before) / sessions;
      long hashes = 0;
      long indexes = 0;
      int hashCount = 0;
      for (String key : c.sync().keys(prefix + "*")) {
        long bytes = c.sync().memoryUsage(key);
        if (key.startsWith(prefix + "s:")) {
          hashes += bytes;
          hashCount++;
        } else {
          indexes += bytes;
        }
      }
      assertEquals(sessions, hashCount, "one session hash per session");
      long perHash = hashes / hashCount;
      System.out.printf(
          "redis session sizing: MEMORY USAGE per session hash %d B, index and stats keys %d B total"
              + " for %d sessions, used_memory growth %d B per session%n",
          perHash, indexes, sessions, perSessionOverall);
      assertTrue(perHash > 0 && perHash < 1024, "per hash " + perHash);
      assertTrue(perSessionOverall < 2048, "overall per session " + perSessionOverall);
    } finally {
      client.shutdown();
    }
  }

  private static long usedMemory(StatefulRedisConnection<String, String> c) {
    for (String line : c.sync().info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory has no used_memory");
  }

  private static String dump(String prefix) {
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      StringBuilder out = new StringBuilder();
      for (String key : c.sync().keys(prefix + "*")) {
        out.append(key).append(' ');
        switch (c.sync().type(key)) {
          case "hash" -> out.append(c.sync().hgetall(key));
          case "zset" -> out.append(c.sync().zrange(key, 0, -1));
          default -> out.append(c.sync().type(key));
        }
        out.append('\n');
      }
      return out.toString();
    } finally {
      client.shutdown();
    }
  }

  @Override
  protected SessionStore newStore(Clock clock, SessionLimits limits) {
    RedisSessionStore store =
        RedisSessionStore.builder(redis.settings("contract-" + PREFIXES.incrementAndGet() + ":"))
            .clock(clock)
            .limits(limits)
            .build();
    opened.add(store);
    return store;
  }
}
