package com.quiltdata.mcp.benchmarks.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's samples, one row per replica every sample interval, and the verdict on them. The rule
 * ({@link #RULE}): compare the first third of a replica's rows with its last third; heap after GC
 * is flat when the median of the last third is at most 1.25 times the median of the first plus 8
 * MiB; threads flat when the most of the last third is at most the most of the first plus 4; file
 * descriptors likewise plus 8; p99 stable when the median p99 of the last third is at most twice
 * the median of the first plus 10 ms; and no window may hold an error.
 */
final class SoakTable {
  static final String RULE =
      "first vs last third of each replica's rows: heap-after-GC median(last) <= 1.25 x"
          + " median(first) + 8 MiB; threads max(last) <= max(first) + 4; fds max(last) <="
          + " max(first) + 8; p99 median(last) <= 2 x median(first) + 10 ms; 0 errors";

  /** One sample of one replica. */
  record Row(int second, int replica, Replica.Sample sample, Recorder.Window window) {}

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%6s %-9s %10s %9s %7s %5s %8s %7s %9s %9s",
        "t(s)",
        "replica",
        "heapGC MiB",
        "meta MiB",
        "threads",
        "fds",
        "requests",
        "errors",
        "p50 ms",
        "p99 ms");
  }

  static String format(Row r, String name) {
    return String.format(
        Locale.ROOT,
        "%6d %-9s %10.1f %9.1f %7d %5d %8d %7d %9.2f %9.2f",
        r.second(),
        name,
        r.sample().heapAfterGcKb() / 1024.0,
        r.sample().metaspaceKb() / 1024.0,
        r.sample().threads(),
        r.sample().fds(),
        r.window().requests(),
        r.window().errors(),
        r.window().p50Ms(),
        r.window().p99Ms());
  }

  /**
   * Judges each replica by {@link #RULE}; prints one line per replica and per failed check.
   *
   * @return whether every replica is flat
   */
  boolean verdict(int replicas, PrintStream out) {
    boolean all = true;
    for (int i = 0; i < replicas; i++) {
      List<Row> mine = new ArrayList<>();
      for (Row r : rows) {
        if (r.replica() == i) {
          mine.add(r);
        }
      }
      if (mine.size() < 3) {
        out.println("replica-" + i + ": too few samples (" + mine.size() + ") to judge: NOT FLAT");
        all = false;
        continue;
      }
      int third = mine.size() / 3;
      List<Row> first = mine.subList(0, third);
      List<Row> last = mine.subList(mine.size() - third, mine.size());
      List<String> failed = new ArrayList<>();
      double heapFirst = median(first, r -> r.sample().heapAfterGcKb() / 1024.0);
      double heapLast = median(last, r -> r.sample().heapAfterGcKb() / 1024.0);
      if (heapLast > 1.25 * heapFirst + 8) {
        failed.add(String.format(Locale.ROOT, "heap %.1f -> %.1f MiB", heapFirst, heapLast));
      }
      double thrFirst = max(first, r -> r.sample().threads());
      double thrLast = max(last, r -> r.sample().threads());
      if (thrLast > thrFirst + 4) {
        failed.add(String.format(Locale.ROOT, "threads %.0f -> %.0f", thrFirst, thrLast));
      }
      double fdFirst = max(first, r -> r.sample().fds());
      double fdLast = max(last, r -> r.sample().fds());
      if (fdLast > fdFirst + 8) {
        failed.add(String.format(Locale.ROOT, "fds %.0f -> %.0f", fdFirst, fdLast));
      }
      double p99First = median(first, r -> r.window().p99Ms());
      double p99Last = median(last, r -> r.window().p99Ms());
      if (p99Last > 2 * p99First + 10) {
        failed.add(String.format(Locale.ROOT, "p99 %.1f -> %.1f ms", p99First, p99Last));
      }
      long errors = mine.stream().mapToLong(r -> r.window().errors()).sum();
      if (errors > 0) {
        failed.add(errors + " errors");
      }
      out.printf(
          Locale.ROOT,
          "replica-%d: heap-after-GC median %.1f -> %.1f MiB, threads max %.0f -> %.0f, fds max"
              + " %.0f -> %.0f, p99 median %.1f -> %.1f ms, errors %d: %s%n",
          i,
          heapFirst,
          heapLast,
          thrFirst,
          thrLast,
          fdFirst,
          fdLast,
          p99First,
          p99Last,
          errors,
          failed.isEmpty() ? "FLAT" : "NOT FLAT (" + String.join("; ", failed) + ")");
      all &= failed.isEmpty();
    }
    return all;
  }

  private static double median(List<Row> rows, ToDoubleFunction<Row> f) {
    double[] v = rows.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double max(List<Row> rows, ToDoubleFunction<Row> f) {
    return Arrays.stream(rows.stream().mapToDouble(f).toArray()).max().orElse(Double.NaN);
  }
}
