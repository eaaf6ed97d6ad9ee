package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.internal.credentials.Leaks;
import com.quiltdata.mcp.auth.internal.credentials.LogCapture;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub;
import com.quiltdata.mcp.auth.internal.credentials.RegistryStub.Reply;
import com.quiltdata.mcp.auth.internal.credentials.SteppingClock;
import com.quiltdata.mcp.auth.internal.credentials.TestIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many callers at once against a real (slow-ish) HTTP registry stub. */
class RegistryCredentialsBrokerConcurrencyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration REGISTRY_LATENCY = Duration.ofMillis(200);

  private final SteppingClock clock = new SteppingClock(T0);
  private final TestIdentities ids = new TestIdentities(clock);
  private RegistryStub registry;
  private LogCapture logs;
  private RegistryCredentialsBroker broker;
  private long lastMillis;

  @BeforeEach
  void start() {
    registry = RegistryStub.start(clock);
    registry.respond(
        (token, call) ->
            RegistryStub.credentials(clock.instant().plus(Duration.ofHours(1)), call)
                .after(REGISTRY_LATENCY));
    logs = LogCapture.start();
    broker =
        RegistryCredentialsBroker.builder(
                CredentialSource.registry(registry.url())
                    .clock(clock)
                    .requestTimeout(Duration.ofSeconds(5))
                    .build())
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    List<String> lines = logs.lines();
    logs.close();
    registry.close();
    Leaks.assertNone(lines, ids.minted());
  }

  /**
   * Runs {@code callers} threads that all start together; each calls {@code call} with its index.
   * Returns what each produced (access key id, or the failure reason).
   */
  private List<String> together(int callers, Function<Integer, String> call)
      throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(callers);
    Map<Integer, String> results = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      int index = i;
      Thread thread =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  results.put(index, call.apply(index));
                } catch (AuthException e) {
                  results.put(index, e.reason().name());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "caller-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    assertTrue(ready.await(30, TimeUnit.SECONDS), "callers did not start");
    long started = System.nanoTime();
    go.countDown();
    assertTrue(done.await(60, TimeUnit.SECONDS), "callers did not finish");
    lastMillis = (System.nanoTime() - started) / 1_000_000;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      out.add(results.get(i));
    }
    return out;
  }

  @Test
  void resolve_thousandCallersSameTokenColdCache_oneRegistryCall() throws InterruptedException {
    Principal alice = ids.principal("alice", Duration.ofHours(4));
    List<String> keys =
        together(1000, i -> broker.providerFor(alice).resolveCredentials().accessKeyId());

    assertEquals(1, registry.calls());
    assertEquals(Set.of(RegistryStub.accessKey(1)), Set.copyOf(keys));
    assertEquals(1000, keys.size());
    System.out.println(
        "1000 callers, one token, cold cache: " + lastMillis + " ms, 1 registry call");
  }

  @Test
  void resolve_fiftyDistinctTokens_fiftyRegistryCalls() throws InterruptedException {
    List<Principal> principals = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      principals.add(ids.principal(i % 2 == 0 ? "alice" : "user" + i, Duration.ofHours(4)));
    }
    List<String> keys =
        together(
            500,
            i -> broker.providerFor(principals.get(i % 50)).resolveCredentials().accessKeyId());

    assertEquals(50, registry.calls());
    assertEquals(50, Set.copyOf(keys).size(), "each token got its own credentials");
    for (int i = 0; i < 50; i++) {
      assertEquals(1, registry.callsFor(ids.minted().get(i)));
      assertEquals(keys.get(i), keys.get(i + 50), "same token, same credentials");
    }
  }

  @Test
  void resolve_registryFailingManyCallers_oneCallPerBackoffWindow() throws InterruptedException {
    registry.respond(Reply.of(500, "{}").after(REGISTRY_LATENCY));
    Principal alice = ids.principal("alice", Duration.ofHours(4));

    List<String> first =
        together(200, i -> broker.providerFor(alice).resolveCredentials().accessKeyId());
    assertEquals(1, registry.calls());
    assertEquals(Set.of(Reason.REGISTRY_UNAVAILABLE.name()), Set.copyOf(first));

    List<String> during =
        together(200, i -> broker.providerFor(alice).resolveCredentials().accessKeyId());
    assertEquals(1, registry.calls(), "back-off: nobody asks the registry");
    assertEquals(Set.of(Reason.REGISTRY_UNAVAILABLE.name()), Set.copyOf(during));

    clock.advance(Duration.ofSeconds(1));
    together(200, i -> broker.providerFor(alice).resolveCredentials().accessKeyId());
    assertEquals(2, registry.calls(), "one call in the next window");
  }
}
