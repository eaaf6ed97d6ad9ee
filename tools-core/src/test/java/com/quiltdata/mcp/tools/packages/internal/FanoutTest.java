package com.quiltdata.mcp.tools.packages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.tools.CommonReason;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.s3.DirectContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanoutTest {
  private static DirectContext context(AtomicBoolean cancelled) {
    return new DirectContext(null, null, Clock.systemUTC(), cancelled::get);
  }

  @Test
  void resultsComeBackInIndexOrder_fromSeveralThreadsAtOnce() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch together = new CountDownLatch(4);
    List<Integer> out =
        Fanout.map(
            40,
            4,
            context(new AtomicBoolean()),
            i -> {
              threads.add(Thread.currentThread().getName());
              if (i < 4) {
                together.countDown();
                try {
                  // the first four only finish once all four run at the same time
                  assertTrue(together.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
              return i * i;
            });
    assertEquals(IntStream.range(0, 40).map(i -> i * i).boxed().toList(), out);
    assertEquals(4, threads.size(), threads.toString());
    assertTrue(threads.stream().allMatch(n -> n.startsWith("quilt-mcp-s3-")), threads.toString());
  }

  @Test
  void theFirstFailure_isTheCallsFailure_andTheRestAreNotStarted() {
    AtomicInteger started = new AtomicInteger();
    ToolFailure boom = ToolFailure.invalidArgument("object 3 is missing");
    ToolFailure thrown =
        assertThrows(
            ToolFailure.class,
            () ->
                Fanout.map(
                    10_000,
                    2,
                    context(new AtomicBoolean()),
                    i -> {
                      started.incrementAndGet();
                      if (i == 3) {
                        throw boom;
                      }
                      return i;
                    }));
    assertSame(boom, thrown);
    // tasks 0-3 and the few the other worker took while task 3 was failing; not the thousands
    // after it, however far ahead of the caller's reading of results the workers ran (they used
    // to run all 10,000 when they outpaced it)
    assertTrue(started.get() < 100, "started " + started.get());
  }

  @Test
  void aCancelledCall_stopsStartingTasks() {
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicInteger ran = new AtomicInteger();
    ToolFailure thrown =
        assertThrows(
            ToolFailure.class,
            () ->
                Fanout.map(
                    1000,
                    3,
                    context(cancelled),
                    i -> {
                      if (ran.incrementAndGet() == 5) {
                        cancelled.set(true);
                      }
                      return i;
                    }));
    assertEquals(CommonReason.CANCELLED, thrown.reason());
    assertTrue(ran.get() < 1000, "ran " + ran.get());
  }

  @Test
  void oneThread_runsInTheCallersThread() {
    String caller = Thread.currentThread().getName();
    List<String> names =
        Fanout.map(3, 1, context(new AtomicBoolean()), i -> Thread.currentThread().getName());
    assertEquals(List.of(caller, caller, caller), names);
  }
}
