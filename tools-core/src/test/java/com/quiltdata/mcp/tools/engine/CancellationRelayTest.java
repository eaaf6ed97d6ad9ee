package com.quiltdata.mcp.tools.engine;

import static com.quiltdata.mcp.tools.EngineHarness.legacy;
import static com.quiltdata.mcp.tools.EngineHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.auth.BearerToken;
import com.quiltdata.mcp.auth.CancellationRelay;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.Session;
import com.quiltdata.mcp.jwt.QuiltClaims;
import com.quiltdata.mcp.tools.CountingAuthorizer;
import com.quiltdata.mcp.tools.CountingTool;
import com.quiltdata.mcp.tools.EngineHarness;
import com.quiltdata.mcp.tools.TestPrincipals;
import com.quiltdata.mcp.tools.ToolResult;
import com.quiltdata.mcp.tools.engine.EngineResponse.Outcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines (two replicas) sharing one in-process relay: a call runs on engine A, its {@code
 * notifications/cancelled} reaches engine B. B relays it and A cancels the call (no response, as
 * for a local cancellation); another token's or another session's notification for the same id
 * cancels nothing; and what travels is a digest only.
 */
class CancellationRelayTest {
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\","
          + "\"arguments\":{}}}";
  private static final String CANCEL =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}";

  /** Delivers every published digest to every subscriber, on the publishing thread. */
  static final class SharedRelay implements CancellationRelay {
    final List<String> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean active() {
      return true;
    }

    @Override
    public void publish(String digest) {
      published.add(digest);
      listeners.forEach(l -> l.accept(digest));
    }

    @Override
    public Subscription subscribe(Consumer<String> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }
  }

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicBoolean cancelled = new AtomicBoolean();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** An engine whose tool waits up to {@code waitMillis} for its cancellation. */
  private McpEngine replica(CancellationRelay relay, long waitMillis) {
    return EngineHarness.builder(CountingAuthorizer.allowing())
        .cancellationRelay(relay)
        .addTool(
            CountingTool.simple(
                "slow",
                (a, c) -> {
                  CountDownLatch heard = new CountDownLatch(1);
                  c.onCancel(heard::countDown);
                  started.countDown();
                  cancelled.set(heard.await(waitMillis, TimeUnit.MILLISECONDS));
                  return ToolResult.text("done");
                }))
        .build();
  }

  /**
   * Runs the call on {@code a}, sends the cancellation to {@code b}, returns the call's outcome.
   */
  private Outcome callOnACancelOnB(
      McpEngine a, CallContext caller, McpEngine b, CallContext canceller) throws Exception {
    Future<EngineResponse> call = pool.submit(() -> send(a, CALL, caller));
    assertTrue(started.await(10, TimeUnit.SECONDS), "the call started");
    assertEquals(Outcome.NO_ANSWER, send(b, CANCEL, canceller).outcome());
    return call.get(10, TimeUnit.SECONDS).outcome();
  }

  /** The same on two new replicas of this relay, whose tool waits {@code waitMillis}. */
  private Outcome acrossReplicas(
      CancellationRelay relay, long waitMillis, CallContext caller, CallContext canceller)
      throws Exception {
    return callOnACancelOnB(
        replica(relay, waitMillis), caller, replica(relay, waitMillis), canceller);
  }

  private static Principal anotherTokenOfAlice() {
    return Principal.fromToken(
        QuiltClaims.builder("alice", TestPrincipals.NOW.plusSeconds(600)).build(),
        BearerToken.of("another.token.of-alice"));
  }

  @Test
  void legacySession_callOnA_cancelOnB_cancelsTheCallOnA_publishingOnlyADigest() throws Exception {
    SharedRelay relay = new SharedRelay();
    CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

    Outcome outcome = acrossReplicas(relay, 10_000, alice, alice);

    assertTrue(cancelled.get(), "the call on A heard the cancellation sent to B");
    assertEquals(Outcome.NO_ANSWER, outcome, "a cancelled call is not answered");
    assertEquals(1, relay.published.size(), "B published once: " + relay.published);
    String digest = relay.published.get(0);
    assertTrue(CancellationRelay.isDigest(digest), digest);
    String scope = alice.cancellationScope().orElseThrow();
    assertEquals(CancellationRelay.digest(scope + "\u0000n:7"), digest);
    assertFalse(digest.contains(alice.session().orElseThrow().id()));
    assertFalse(digest.contains(TestPrincipals.alice().token().orElseThrow().sha256Hex()));
  }

  @Test
  void noSession_callOnA_cancelOnB_withTheSameToken_cancelsTheCallOnA() throws Exception {
    CallContext alice = CallContext.http().principal(TestPrincipals.alice()).build();

    assertEquals(Outcome.NO_ANSWER, acrossReplicas(new SharedRelay(), 10_000, alice, alice));
    assertTrue(cancelled.get());
  }

  @Test
  void anotherTokenOfTheSameSubject_inTheSameSession_cancelsNothingOnA() throws Exception {
    SharedRelay relay = new SharedRelay();
    CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");
    CallContext aliceToo = legacy(anotherTokenOfAlice(), "2025-06-18");

    assertEquals(Outcome.ANSWER, acrossReplicas(relay, 500, alice, aliceToo));
    assertFalse(cancelled.get(), "another token's notification cancelled the call");
    assertEquals(1, relay.published.size(), "relayed, and heard by A, which has no such call");
  }

  @Test
  void anotherSession_cancelsNothingOnA() throws Exception {
    CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");
    Session other =
        new Session(
            "sess-9876543210", "alice", "2025-06-18", TestPrincipals.NOW, TestPrincipals.NOW);
    CallContext otherSession =
        CallContext.http().principal(TestPrincipals.alice()).session(other).build();

    assertEquals(Outcome.ANSWER, acrossReplicas(new SharedRelay(), 500, alice, otherSession));
    assertFalse(cancelled.get(), "another session's notification cancelled the call");
  }

  @Test
  void withoutARelay_aCancelOnB_doesNotReachTheCallOnA() throws Exception {
    CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

    assertEquals(Outcome.ANSWER, acrossReplicas(CancellationRelay.NONE, 500, alice, alice));
    assertFalse(cancelled.get());
  }

  @Test
  void aCallRunningHere_isCancelledHere_withoutPublishing() throws Exception {
    SharedRelay relay = new SharedRelay();
    McpEngine a = replica(relay, 10_000);
    CallContext alice = legacy(TestPrincipals.alice(), "2025-06-18");

    assertEquals(Outcome.NO_ANSWER, callOnACancelOnB(a, alice, a, alice));
    assertTrue(cancelled.get());
    assertTrue(relay.published.isEmpty(), "nothing published: " + relay.published);
  }
}
