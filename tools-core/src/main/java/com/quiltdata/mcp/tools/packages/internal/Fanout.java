package com.quiltdata.mcp.tools.packages.internal;

import com.quiltdata.mcp.tools.ToolContext;
import com.quiltdata.mcp.tools.ToolFailure;
import com.quiltdata.mcp.tools.aws.AwsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Independent S3 requests of one tool call (heads and reads of the objects a create adds) on a few
 * threads of their own, so a thousand small objects do not cost a thousand round trips in a row.
 * The first failure stops the rest and is the call's failure; cancelling the call stops them too
 * (each request is aborted by {@link AwsCall}). The threads end with the call.
 */
final class Fanout {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private Fanout() {}

  /**
   * {@code task.apply(i)} for every {@code i} below {@code count}, results in index order.
   *
   * @param threads at most this many at once
   * @throws ToolFailure the first task failure, or {@code CANCELLED}
   */
  static <T> List<T> map(int count, int threads, ToolContext context, IntFunction<T> task) {
    if (count == 0) {
      return List.of();
    }
    if (threads <= 1 || count == 1) {
      List<T> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        AwsCall.checkCancelled(context);
        out.add(task.apply(i));
      }
      return out;
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger names = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.min(threads, count),
            r -> {
              Thread t = new Thread(r, "quilt-mcp-s3-" + pool + "-" + names.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // set by the first failure: tasks not yet started return at once instead of running, however
    // far ahead of this thread's reading of the results the workers are
    AtomicBoolean stop = new AtomicBoolean();
    try {
      ExecutorCompletionService<Indexed<T>> done = new ExecutorCompletionService<>(executor);
      for (int i = 0; i < count; i++) {
        int index = i;
        done.submit(
            () -> {
              if (stop.get()) {
                return null;
              }
              try {
                AwsCall.checkCancelled(context);
                return new Indexed<>(index, task.apply(index));
              } catch (RuntimeException | Error e) {
                stop.set(true);
                throw e;
              }
            });
      }
      List<T> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(null);
      }
      for (int i = 0; i < count; i++) {
        Indexed<T> r = done.take().get();
        if (r != null) { // null: skipped after a failure, whose exception is still to come
          out.set(r.index(), r.value());
        }
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("an S3 task failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolFailure.cancelled();
    } finally {
      executor.shutdownNow();
    }
  }

  private record Indexed<T>(int index, T value) {}
}
