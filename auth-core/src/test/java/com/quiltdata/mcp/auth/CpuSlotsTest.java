package com.quiltdata.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuSlots}: at most N threads hold a slot; a wait on I/O gives it back; a thread that
 * cannot get one within the bound goes on without and is counted; nothing leaks on failure.
 */
class CpuSlotsTest {
  private static final Duration LONG = Duration.ofSeconds(10);

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Enters on a pool thread and holds the slot until {@code release} opens. */
  private Future<Boolean> holder(CpuSlots slots, CountDownLatch entered, CountDownLatch release) {
    return pool.submit(
        () -> {
          try (CpuSlots.Slot slot = slots.enter()) {
            entered.countDown();
            release.await();
            return CpuSlots.held();
          }
        });
  }

  @Test
  void aThirdThreadWaitsUntilASlotIsGivenBack() throws Exception {
    CpuSlots slots = CpuSlots.of(2, LONG);
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Future<Boolean> a = holder(slots, entered, release);
    Future<Boolean> b = holder(slots, entered, release);
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(0, slots.available());

    CountDownLatch thirdIn = new CountDownLatch(1);
    Future<Boolean> c = holder(slots, thirdIn, new CountDownLatch(0));
    // the third is in line, not in: it is queued on the slots
    while (slots.waiting() == 0) {
      Thread.sleep(1);
    }
    assertEquals(1, thirdIn.getCount());

    release.countDown();
    assertTrue(a.get(5, TimeUnit.SECONDS));
    assertTrue(b.get(5, TimeUnit.SECONDS));
    assertTrue(c.get(5, TimeUnit.SECONDS), "the third got a real slot, not an overrun");
    assertEquals(2, slots.available());
    assertEquals(0, slots.overruns());
  }

  @Test
  void aWaitOnIoGivesTheSlotToAnotherThreadAndTakesOneAfter() throws Exception {
    CpuSlots slots = CpuSlots.of(1, LONG);
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    Future<Boolean> io =
        pool.submit(
            () -> {
              try (CpuSlots.Slot slot = slots.enter()) {
                boolean before = CpuSlots.held();
                boolean during =
                    CpuSlots.waiting(
                        () -> {
                          waiting.countDown();
                          answer.await();
                          return CpuSlots.held();
                        });
                return before && !during && CpuSlots.held();
              }
            });
    assertTrue(waiting.await(5, TimeUnit.SECONDS));
    // the one slot is free while the other thread waits on its "I/O"
    try (CpuSlots.Slot slot = slots.enter()) {
      assertTrue(CpuSlots.held());
    }
    answer.countDown();
    assertTrue(io.get(5, TimeUnit.SECONDS));
    assertEquals(1, slots.available());
    assertEquals(0, slots.overruns());
  }

  @Test
  void aThreadThatCannotGetASlotInTimeGoesOnWithoutOneAndIsCounted() throws Exception {
    CpuSlots slots = CpuSlots.of(1, Duration.ofMillis(20));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Boolean> holder = holder(slots, entered, release);
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    try (CpuSlots.Slot slot = slots.enter()) {
      assertFalse(CpuSlots.held());
      // without a slot, a wait gives nothing back and takes nothing after
      assertEquals("x", CpuSlots.waiting(() -> "x"));
      assertFalse(CpuSlots.held());
    }
    assertEquals(1, slots.overruns());
    assertTrue(slots.waited().toNanos() > 0);
    release.countDown();
    assertTrue(holder.get(5, TimeUnit.SECONDS));
    assertEquals(1, slots.available(), "the overrun gave back no slot it did not have");
  }

  @Test
  void aFailedWaitStillTakesTheSlotAgainAndClosingGivesItBack() {
    CpuSlots slots = CpuSlots.of(1, LONG);
    try (CpuSlots.Slot slot = slots.enter()) {
      IOException thrown =
          assertThrows(
              IOException.class,
              () ->
                  CpuSlots.waiting(
                      () -> {
                        throw new IOException("connection reset");
                      }));
      assertEquals("connection reset", thrown.getMessage());
      assertTrue(CpuSlots.held());
      assertEquals(0, slots.available());
    }
    assertEquals(1, slots.available());
    assertFalse(CpuSlots.held());
  }

  @Test
  void aFutureIsAwaitedWithoutTheSlot() throws Exception {
    CpuSlots slots = CpuSlots.of(1, LONG);
    CompletableFuture<String> answer = new CompletableFuture<>();
    try (CpuSlots.Slot slot = slots.enter()) {
      pool.submit(
          () -> {
            // completes only if the slot is free while the owner waits
            try (CpuSlots.Slot other = slots.enter()) {
              answer.complete(CpuSlots.held() ? "freed" : "overrun");
            }
          });
      assertEquals("freed", CpuSlots.get(answer, Duration.ofSeconds(5)));
      assertTrue(CpuSlots.held());
      assertThrows(
          TimeoutException.class,
          () -> CpuSlots.get(new CompletableFuture<>(), Duration.ofMillis(5)));
      assertTrue(CpuSlots.held());
    }
  }

  @Test
  void slotsDoNotNestAndOffBoundsNothing() {
    CpuSlots slots = CpuSlots.of(2, LONG);
    try (CpuSlots.Slot outer = slots.enter();
        CpuSlots.Slot inner = slots.enter()) {
      assertEquals(1, slots.available(), "the inner enter took no second slot");
      inner.close();
      assertTrue(CpuSlots.held(), "closing the inner no-op kept the outer slot");
    }
    assertEquals(2, slots.available());

    try (CpuSlots.Slot none = CpuSlots.OFF.enter()) {
      assertFalse(CpuSlots.held());
      assertFalse(CpuSlots.OFF.enabled());
    }
    assertEquals("off", CpuSlots.OFF.toString());
    assertEquals("CpuSlots[2, maxWait=10000ms]", slots.toString());
  }

  @Test
  void badSettingsAreRefusedByName() {
    assertEquals(
        "slots must be between 1 and 1024",
        assertThrows(IllegalArgumentException.class, () -> CpuSlots.of(0, LONG)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> CpuSlots.of(1025, LONG));
    assertEquals(
        "maxWait must be between 1 ms and 10 s",
        assertThrows(IllegalArgumentException.class, () -> CpuSlots.of(2, Duration.ZERO))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> CpuSlots.of(2, Duration.ofSeconds(11)));
    assertThrows(NullPointerException.class, () -> CpuSlots.of(2, null));
  }
}
