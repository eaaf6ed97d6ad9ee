package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.QuiltClaims;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The request-scoped context is always cleared and never seen by another request or thread. */
class RequestContextTest {
  private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

  private static Principal principal(String subject) {
    return Principal.desktop(QuiltClaims.builder(subject, EXP).build());
  }

  @AfterEach
  void noContextLeftOnTheTestThread() {
    assertEquals(Optional.empty(), RequestContext.current());
  }

  @Test
  void openedContext_isCurrentUntilClosed() {
    Principal alice = principal("alice");
    Session session = new Session("id", "alice", null, EXP, EXP);

    try (RequestContext.Scope scope = RequestContext.open(alice, session)) {
      RequestContext current = RequestContext.current().orElseThrow();
      assertSame(scope.context(), current);
      assertSame(alice, current.principal().orElseThrow());
      assertSame(session, current.session().orElseThrow());
    }

    assertEquals(Optional.empty(), RequestContext.current());
  }

  @Test
  void anonymousStatelessContext_hasNeitherPrincipalNorSession() {
    try (RequestContext.Scope scope = RequestContext.open(null, null)) {
      assertEquals(Optional.empty(), scope.context().principal());
      assertEquals(Optional.empty(), scope.context().session());
    }
  }

  @Test
  @SuppressWarnings("try") // the scope is used only for closing
  void throwingHandler_stillClearsTheContext() {
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (RequestContext.Scope ignored = RequestContext.open(principal("alice"), null)) {
                throw new IllegalStateException("handler failed");
              }
            });

    assertEquals("handler failed", thrown.getMessage());
    assertEquals(Optional.empty(), RequestContext.current());
  }

  @Test
  @SuppressWarnings("try") // the scope is used only for closing
  void nestedOpen_isRefusedAndKeepsTheOuterContext() {
    Principal alice = principal("alice");
    try (RequestContext.Scope outer = RequestContext.open(alice, null)) {
      assertThrows(IllegalStateException.class, () -> RequestContext.open(principal("bob"), null));

      assertSame(alice, RequestContext.current().orElseThrow().principal().orElseThrow());
    }
  }

  @Test
  @SuppressWarnings("try") // the scope is used only for closing
  void closingTwice_isHarmlessAndDoesNotClearALaterContext() {
    RequestContext.Scope first = RequestContext.open(principal("alice"), null);
    first.close();
    Principal bob = principal("bob");

    try (RequestContext.Scope second = RequestContext.open(bob, null)) {
      first.close();

      assertSame(bob, RequestContext.current().orElseThrow().principal().orElseThrow());
    }
  }

  @Test
  void pooledThreads_neverSeeAnotherTasksContext() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        String subject = "user-" + i;
        boolean fail = i % 7 == 0;
        results.add(pool.submit(() -> runRequest(subject, fail)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals("ok user-" + i, results.get(i).get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void virtualThreads_eachSeeOnlyTheirOwnContext() throws Exception {
    Method startVirtual = virtualThreadStarter();
    Assumptions.assumeTrue(startVirtual != null, "this JVM has no virtual threads");
    List<Thread> threads = new ArrayList<>();
    List<AtomicReference<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String subject = "user-" + i;
      AtomicReference<String> outcome = new AtomicReference<>("not run");
      outcomes.add(outcome);
      Runnable task = () -> outcome.set(runRequest(subject, false));
      threads.add((Thread) startVirtual.invoke(null, task));
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    for (int i = 0; i < outcomes.size(); i++) {
      assertEquals("ok user-" + i, outcomes.get(i).get());
    }
  }

  /**
   * One simulated request: no context at the start, its own principal inside (also after a yield),
   * none after; optionally the handler throws.
   */
  @SuppressWarnings("try") // the scope is used only for closing
  private static String runRequest(String subject, boolean handlerThrows) {
    if (RequestContext.current().isPresent()) {
      return "leaked context at start of " + subject;
    }
    Principal mine = principal(subject);
    try (RequestContext.Scope ignored = RequestContext.open(mine, null)) {
      Thread.yield();
      Principal seen = RequestContext.current().orElseThrow().principal().orElseThrow();
      if (seen != mine) {
        return subject + " saw " + seen.subjectFingerprint();
      }
      if (handlerThrows) {
        throw new IllegalStateException("handler failed");
      }
    } catch (IllegalStateException expected) {
      assertTrue(expected.getMessage().contains("handler failed"));
    }
    return RequestContext.current().isPresent()
        ? "leaked context after " + subject
        : "ok " + subject;
  }

  /** {@code Thread.startVirtualThread(Runnable)} when the JVM has virtual threads, else null. */
  private static Method virtualThreadStarter() {
    try {
      Thread.class.getMethod("ofVirtual");
      return Thread.class.getMethod("startVirtualThread", Runnable.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
